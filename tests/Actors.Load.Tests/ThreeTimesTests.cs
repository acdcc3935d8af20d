using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Load.Tests;

/// <summary>
/// Response, service and wait time: what each measures when the generator stalls, and the precise pacer's schedule.
/// (The open model on a fake clock needs something to advance the clock only while the engine waits; a loop that
/// advances it races ahead of the engine, so these run on the real clock and assert counts and orderings, not speeds.)
/// </summary>
public sealed class ThreeTimesTests
{
    [Fact]
    public async Task A_stalled_generator_grows_wait_and_response_time_but_not_service_time_on_the_real_clock()
    {
        // Invocation 20 blocks the pacer's thread for 500 ms before its first await (a stalled client; the pacer starts
        // invocations on its own thread here): the invocations due meanwhile start late. A generator that measured from the actual start would hide the stall (coordinated
        // omission); their response time includes it, their service time does not.
        var scenario = Scenario.Create("stalling", async context =>
            {
                if (context.InvocationNumber == 20)
                {
                    Thread.Sleep(500); // the behaviour under test (a stalled client), not synchronisation
                }

                return await Step.Run("work", context, async () =>
                {
                    await Task.Yield();
                    return Response.Ok();
                });
            })
            .WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1500)));

        var result = (await Fakes.Quiet(scenario).WithOptions(o => o with { StartOnPacerThread = true }).RunAsync()).Scenario("stalling");

        Assert.Equal(300, result.OkCount);
        Assert.Equal("precise", result.Pacer);
        Assert.True(result.Lag.LateStarts >= 50, result.Lag.Summary);
        Assert.True(result.Lag.MaxLatenessMs >= 400, result.Lag.Summary);
        Assert.StartsWith("lagging:", result.Lag.Summary, StringComparison.Ordinal);
        Assert.True(result.Global.Wait.MaxMs >= 400, $"wait max {result.Global.Wait.MaxMs} ms");
        Assert.True(result.Global.Wait.P75Ms >= 50, $"wait p75 {result.Global.Wait.P75Ms} ms");
        Assert.True(result.Global.Ok.Latency.P75Ms >= 50, $"response p75 {result.Global.Ok.Latency.P75Ms} ms");
        // Only the stalled invocation itself was slow to serve; the step's service time never saw the stall.
        Assert.True(result.Global.Service.P95Ms < result.Global.Wait.P75Ms, $"service p95 {result.Global.Service.P95Ms} ms");
        var work = result.Steps.Single(s => s.Name == "work");
        Assert.True(work.Service.P99Ms < work.Wait.P75Ms, $"step service p99 {work.Service.P99Ms} ms, wait p75 {work.Wait.P75Ms} ms");
        Assert.True(work.Ok.Latency.P75Ms >= 50, $"step response p75 {work.Ok.Latency.P75Ms} ms");
    }

    [Fact]
    public async Task A_step_that_blocks_before_its_first_await_delays_no_other_arrival_by_default()
    {
        // The pacer hands each arrival to the thread pool: invocation 20 blocking its thread for 500 ms holds up
        // nothing but itself (with StartOnPacerThread it stalled every later arrival, the test above).
        var scenario = Scenario.Create("blocking", context =>
            {
                if (context.InvocationNumber == 20)
                {
                    Thread.Sleep(500); // the behaviour under test (a blocking step), not synchronisation
                }

                return Task.FromResult(Response.Ok());
            })
            .WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1500)));

        var result = (await Fakes.Quiet(scenario).RunAsync()).Scenario("blocking");

        Assert.Equal(300, result.OkCount);
        Assert.Equal("precise", result.Pacer);
        Assert.True(result.Lag.MaxLatenessMs < 400, result.Lag.Summary);
        Assert.True(result.Global.Wait.P75Ms < 50, $"wait p75 {result.Global.Wait.P75Ms} ms");
        Assert.True(result.Global.Ok.Latency.MaxMs >= 400, $"response max {result.Global.Ok.Latency.MaxMs} ms: the blocked invocation itself");
    }

    [Fact]
    public async Task In_the_closed_model_wait_is_zero_and_response_equals_service()
    {
        var time = new FakeTimeProvider();
        var scenario = Scenario.Create("closed", _ =>
            {
                time.Advance(TimeSpan.FromMilliseconds(3));
                return Task.FromResult(Response.Ok());
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(1, 30));

        var result = (await Fakes.Quiet(scenario).WithTimeProvider(time).RunAsync()).Scenario("closed");

        Assert.Equal(30, result.OkCount);
        Assert.Equal(0, result.Global.Wait.MaxMs);
        Assert.Equal(result.Global.Ok.Latency, result.Global.Service);
        Assert.Equal(3, result.Global.Service.P50Ms, 1);
        Assert.Null(result.Pacer);
    }

    [Fact]
    public async Task Precise_pacer_keeps_the_schedule_on_the_real_clock_and_reports_its_cpu()
    {
        // 2,000 arrivals a second for 1 s (0.5 ms apart, below the ~1 ms timer), reported every 250 ms.
        var scenario = Scenario.Create("paced", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(Simulation.Inject(200, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));

        var result = (await Fakes.Quiet(scenario).RunAsync()).Scenario("paced");

        Assert.Equal(2000, result.OkCount);
        Assert.Equal("precise", result.Pacer);
        var counted = result.Load.Where(l => l.IntendedStarts > 0).Select(l => l.IntendedStarts).ToList();
        Assert.Equal([500L, 500L, 500L, 500L], counted);
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(result.PacerCpuSeconds);
            Assert.InRange(result.PacerCpuSeconds!.Value, 0, 2 * result.DurationSeconds);
        }
    }

    [Fact]
    public void Wait_and_service_thresholds_read_their_own_histogram()
    {
        var raw = RawRuns.Single("three", [1_000, 1_000, 1_000], failures: 0, ["p99<5ms", "service.p99<0.5ms", "wait.p99<2ms"]);
        var step = raw.Scenarios[0].Global;
        var withTimes = new RawStep
        {
            Name = step.Name, Ok = step.Ok, Fail = step.Fail, StatusCodes = step.StatusCodes, ErrorKinds = step.ErrorKinds,
            Intervals = step.Intervals, Service = RawRuns.Histogram([400, 400, 400]), Wait = RawRuns.Histogram([3_000, 3_000, 3_000]),
        };
        var scenario = raw.Scenarios[0];
        var run = new RawRun
        {
            RunId = raw.RunId, Agents = raw.Agents, StartedUtc = raw.StartedUtc, Duration = raw.Duration, ReportingInterval = raw.ReportingInterval,
            Scenarios = [new RawScenario
            {
                Name = scenario.Name, Duration = scenario.Duration, Global = withTimes, Steps = [], Intervals = scenario.Intervals,
                Simulations = scenario.Simulations, Thresholds = scenario.Thresholds,
            }],
        };

        var result = ResultBuilder.Build(run);

        Assert.True(result.Thresholds.Single(t => t.Threshold == "p99<5ms").Passed);
        Assert.True(result.Thresholds.Single(t => t.Threshold == "service.p99<0.5ms").Passed);
        var wait = result.Thresholds.Single(t => t.Threshold == "wait.p99<2ms");
        Assert.False(wait.Passed);
        Assert.Equal(3, wait.Actual, 1);
    }
}
