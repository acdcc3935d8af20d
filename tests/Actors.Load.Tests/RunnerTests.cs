using Actors.Load.Benchmarks;
using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Load.Tests;

public sealed class RunnerTests
{
    [Fact]
    public async Task Latency_is_measured_on_the_injected_clock()
    {
        // Each invocation advances the fake clock by exactly 10 ms: every recorded latency is exactly 10 ms.
        var time = new FakeTimeProvider();
        var scenario = Scenario.Create("fake_clock", _ =>
            {
                time.Advance(TimeSpan.FromMilliseconds(10));
                return Task.FromResult(Response.Ok());
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(1, 20));

        var result = (await Fakes.Quiet(scenario).WithTimeProvider(time).RunAsync()).Scenario("fake_clock");

        Assert.Equal(20, result.OkCount);
        Assert.Equal(10, result.Global.Ok.Latency.MinMs, 1);
        Assert.Equal(10, result.Global.Ok.Latency.P99Ms, 1);
        Assert.Equal(0.2, result.DurationSeconds, 3);
    }

    [Fact]
    public async Task Exceptions_and_fail_responses_are_counted_by_error_kind_and_status_code()
    {
        var result = await Fakes.RunOne("errors", context => context.InvocationNumber switch
            {
                < 5 => throw new TimeoutException("slow"),
                < 8 => Task.FromResult(Response.Fail("declined")),
                _ => Task.FromResult(Response.Ok("200", sizeBytes: 10)),
            },
            Simulation.IterationsForConstant(1, 20));

        Assert.Equal(12, result.OkCount);
        Assert.Equal(8, result.FailCount);
        Assert.Equal(40, result.FailPercent, 6);
        Assert.Contains(result.Global.ErrorKinds, e => e is { Name: "TimeoutException", Count: 5 });
        Assert.Contains(result.Global.ErrorKinds, e => e is { Name: "declined", Count: 3 });
        Assert.Contains(result.Global.StatusCodes, e => e is { Name: "200", Count: 12 });
        Assert.Equal(120, result.Global.Ok.Bytes);
    }

    [Fact]
    public async Task Steps_get_their_own_statistics()
    {
        var result = await Fakes.RunOne("two_steps", async context =>
            {
                await Step.Run("login", context, () => Task.FromResult(Response.Ok()));
                return await Step.Run("pay", context, () => Task.FromResult(Response.Fail("declined")));
            },
            Simulation.IterationsForConstant(2, 10));

        Assert.Equal(["login", "pay"], result.Steps.Select(s => s.Name));
        Assert.Equal(10, result.Steps[0].Ok.Count);
        Assert.Equal(10, result.Steps[1].Fail.Count);
        Assert.Equal(10, result.FailCount);
    }

    [Fact]
    public async Task Init_runs_before_and_clean_after_even_when_init_fails()
    {
        var log = new List<string>();
        var good = Scenario.Create("good", _ => Task.FromResult(Response.Ok()))
            .WithInit(_ => { log.Add("init good"); return Task.CompletedTask; })
            .WithClean(_ => { log.Add("clean good"); return Task.CompletedTask; })
            .WithLoadSimulations(Simulation.IterationsForConstant(1, 1));
        var bad = Scenario.Create("bad", _ => Task.FromResult(Response.Ok()))
            .WithInit(_ => throw new InvalidOperationException("no population"))
            .WithLoadSimulations(Simulation.IterationsForConstant(1, 1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Fakes.Quiet(good, bad).RunAsync());

        Assert.Contains("Init of scenario 'bad' failed: no population", error.Message, StringComparison.Ordinal);
        Assert.Equal(["init good", "clean good"], log);
        Assert.Equal(ExitCodes.ThresholdBreached, ExitCodes.FromException(error));
    }

    [Fact]
    public async Task Bad_run_options_are_refused_naming_the_option()
    {
        var scenario = Scenario.Create("ping", Fakes.Instant).WithLoadSimulations(Simulation.IterationsForConstant(1, 1));

        var interval = await Assert.ThrowsAsync<LoadConfigurationException>(() =>
            Fakes.Quiet(scenario).WithReportingInterval(TimeSpan.Zero).RunAsync());
        var agent = await Assert.ThrowsAsync<LoadConfigurationException>(() =>
            Fakes.Quiet(scenario).WithAgent(3, 2).RunAsync());
        var duplicate = await Assert.ThrowsAsync<LoadConfigurationException>(() =>
            Fakes.Quiet(scenario, scenario).RunAsync());
        var threshold = await Assert.ThrowsAsync<LoadConfigurationException>(() =>
            Fakes.Quiet(scenario).WithThresholds("p99<<1ms").RunAsync());

        Assert.Contains(nameof(LoadRunOptions.ReportingInterval), interval.Message, StringComparison.Ordinal);
        Assert.Contains("3/2", agent.Message, StringComparison.Ordinal);
        Assert.Contains("'ping' is registered more than once", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("p99<<1ms", threshold.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_wide_thresholds_apply_to_every_scenario()
    {
        var a = Scenario.Create("alpha", Fakes.Instant).WithLoadSimulations(Simulation.IterationsForConstant(1, 5));
        var b = Scenario.Create("beta", Fakes.Instant).WithLoadSimulations(Simulation.IterationsForConstant(1, 5));

        var result = await Fakes.Quiet(a, b).WithThresholds("fail<1%,rps>=1000000000").RunAsync();

        Assert.Equal(4, result.Thresholds.Count);
        Assert.Equal(2, result.Thresholds.Count(t => !t.Passed));
        Assert.Equal(ExitCodes.ThresholdBreached, ExitCodes.FromResult(result));
    }

    [Fact]
    public async Task Overhead_benchmark_measures_both_the_bare_loop_and_the_engine()
    {
        // One second, not less: under a loaded CI machine a shorter run could end before its copies were scheduled.
        var overhead = await EngineOverheadBenchmark.MeasureAsync(() => Task.CompletedTask, copies: 2, TimeSpan.FromSeconds(1));

        Assert.True(overhead.BareOpsPerSecond > 0);
        Assert.True(overhead.EngineOpsPerSecond > 0);
        Assert.Contains("engine keeps", overhead.ToString(), StringComparison.Ordinal);
        Assert.Single(overhead.RoundRatios);
    }

    [Fact]
    public async Task Overhead_benchmark_rounds_report_each_share_and_the_totals()
    {
        var calls = 0L;
        var overhead = await EngineOverheadBenchmark.MeasureAsync(() => { Interlocked.Increment(ref calls); return Task.CompletedTask; }, copies: 2,
            TimeSpan.FromMilliseconds(500), rounds: 3);

        Assert.Equal(3, overhead.RoundRatios.Count);
        Assert.All(overhead.RoundRatios, r => Assert.True(r > 0, $"a round's share was {r}"));
        Assert.True(overhead.BareOpsPerSecond > 0 && overhead.EngineOpsPerSecond > 0);
        Assert.True(calls > 6, $"expected calls in every one of the 6 runs, saw {calls}");
        Assert.Contains("rounds: ", overhead.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overhead_benchmark_refuses_zero_rounds_naming_them()
    {
        var e = await Assert.ThrowsAsync<LoadConfigurationException>(() => EngineOverheadBenchmark.MeasureAsync(() => Task.CompletedTask, 1, TimeSpan.FromSeconds(1), rounds: 0));

        Assert.Contains("rounds", e.Message, StringComparison.Ordinal);
    }
}
