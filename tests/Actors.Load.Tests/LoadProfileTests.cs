using Actors.Load.Scenarios;
using Actors.Load.Simulations;

namespace Actors.Load.Tests;

/// <summary>
/// Each simulation against a fake step of known latency, checked from the engine's own counters (invocations,
/// intended starts, concurrency and copies per interval). Counts of open-model runs are exact: the engine starts
/// every scheduled invocation however late it is; closed-model counts depend on timing and get tolerances.
/// </summary>
public sealed class LoadProfileTests
{
    private static readonly TimeSpan Ms100 = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Inject_starts_exactly_the_requested_number_of_invocations()
    {
        var result = await Fakes.RunOne("inject", Fakes.Delay(TimeSpan.FromMilliseconds(2)),
            Simulation.Inject(20, Ms100, TimeSpan.FromSeconds(1)));

        Assert.Equal(200, result.OkCount);
        Assert.Equal(200, result.Lag.IntendedStarts);
        Assert.Equal(200, result.Load.Sum(i => i.IntendedStarts));
        // Rate profile: starts count in the interval they were intended for, so each full 250 ms interval has exactly
        // 50 however late the machine let the generator run.
        Assert.All(result.Load.Take(4), i => Assert.Equal(50, i.IntendedStarts));
    }

    [Fact]
    public async Task KeepConstant_holds_exactly_the_requested_copies()
    {
        var result = await Fakes.RunOne("keep_constant", Fakes.Delay(TimeSpan.FromMilliseconds(5)),
            Simulation.KeepConstant(4, TimeSpan.FromMilliseconds(800)));

        // Copies are reported per planned window, whenever the interval is taken; concurrency is seen as it happens,
        // so only the first interval (taken while all copies certainly run) is checked for it.
        Assert.All(result.Load.Take(3), i => Assert.Equal(4, i.Copies));
        Assert.Equal(4, result.Load[0].MaxConcurrency);
        Assert.Equal(4, result.Load.Max(i => i.MaxConcurrency));
        // At most 4 copies × 800 ms / 5 ms; a closed model never exceeds its copies' capacity.
        Assert.InRange(result.OkCount, 40, 4 * 800 / 5);
        Assert.Equal(0, result.Lag.IntendedStarts);
    }

    [Fact]
    public async Task RampingConstant_raises_copies_step_by_step_to_the_target()
    {
        var result = await Fakes.RunOne("ramping_constant", Fakes.Delay(TimeSpan.FromMilliseconds(5)),
            Simulation.RampingConstant(8, TimeSpan.FromSeconds(1)),
            Simulation.KeepConstant(8, TimeSpan.FromMilliseconds(300)));

        var copies = result.Load.Select(i => i.Copies).ToList();
        Assert.True(copies.Zip(copies.Skip(1)).All(p => p.Second >= p.First || p.Second == 0), $"copies not rising: {string.Join(",", copies)}");
        // The first 250 ms window plans 2 copies; a ramp that jumped would show more (a starved one shows fewer).
        Assert.True(copies[0] <= 4, $"first window ran {copies[0]} copies");
        Assert.Equal(8, result.Load.Max(i => i.MaxConcurrency));
        Assert.Contains(8, copies);
    }

    [Fact]
    public async Task IterationsForConstant_runs_exactly_the_iterations_with_at_most_the_copies()
    {
        var result = await Fakes.RunOne("iterations_constant", Fakes.Delay(TimeSpan.FromMilliseconds(1)),
            Simulation.IterationsForConstant(3, 90));

        Assert.Equal(90, result.OkCount);
        Assert.Equal(3, result.Load.Max(i => i.MaxConcurrency));
    }

    [Fact]
    public async Task IterationsForInject_runs_exactly_the_iterations()
    {
        var result = await Fakes.RunOne("iterations_inject", Fakes.Instant,
            Simulation.IterationsForInject(100, Ms100, 150));

        Assert.Equal(150, result.OkCount);
        Assert.Equal(150, result.Lag.IntendedStarts);
    }

    [Fact]
    public async Task Pause_injects_nothing_then_the_next_segment_runs()
    {
        var result = await Fakes.RunOne("pause_then_inject", Fakes.Instant,
            Simulation.Pause(TimeSpan.FromMilliseconds(500)),
            Simulation.Inject(10, Ms100, TimeSpan.FromMilliseconds(500)));

        Assert.Equal(0, result.Load[0].IntendedStarts);
        Assert.Equal(0, result.Global.Intervals[0].OkCount);
        Assert.Equal(50, result.OkCount);
    }

    [Fact]
    public async Task RampingInject_and_InjectRandom_produce_their_scheduled_totals()
    {
        var ramp = await Fakes.RunOne("ramping_inject", Fakes.Instant,
            Simulation.RampingInject(40, Ms100, TimeSpan.FromSeconds(1)));
        var random = await Fakes.RunOne("inject_random", Fakes.Instant,
            Simulation.InjectRandom(5, 15, Ms100, TimeSpan.FromSeconds(1)));

        Assert.Equal(200, ramp.OkCount); // average 20 per 100 ms over 10 intervals
        Assert.Equal(200, ramp.Lag.IntendedStarts); // the rising shape itself is checked exactly in ScheduleTests
        Assert.InRange(random.OkCount, 50, 150);
    }

    [Fact]
    public async Task Several_scenarios_run_concurrently_in_one_run()
    {
        var a = Scenario.Create("first", Fakes.Delay(TimeSpan.FromMilliseconds(200)))
            .WithLoadSimulations(Simulation.IterationsForConstant(2, 4));
        var b = Scenario.Create("second", Fakes.Delay(TimeSpan.FromMilliseconds(200)))
            .WithLoadSimulations(Simulation.IterationsForConstant(2, 4));

        var result = await Fakes.Quiet(a, b).RunAsync();

        Assert.Equal(4, result.Scenario("first").OkCount);
        Assert.Equal(4, result.Scenario("second").OkCount);
        // Sequential would take ~800 ms per pair of scenarios; each scenario's own duration shows they overlapped.
        Assert.True(result.DurationSeconds < result.Scenario("first").DurationSeconds + result.Scenario("second").DurationSeconds);
    }

    [Fact]
    public async Task Weighted_scenarios_share_one_load_in_proportion_to_their_weights()
    {
        var read = Scenario.Create("read", Fakes.Instant).WithWeight(80)
            .WithLoadSimulations(Simulation.IterationsForConstant(2, 2000));
        var write = Scenario.Create("write", Fakes.Instant).WithWeight(20);

        var result = await Fakes.Quiet(read, write).RunAsync();

        var reads = result.Scenario("read").OkCount;
        var writes = result.Scenario("write").OkCount;
        Assert.Equal(2000, reads + writes);
        Assert.InRange(reads / 2000.0, 0.75, 0.85);
    }

    [Fact]
    public async Task Warm_up_load_is_not_counted()
    {
        var scenario = Scenario.Create("warmed", Fakes.Instant)
            .WithWarmUpDuration(TimeSpan.FromMilliseconds(300))
            .WithLoadSimulations(Simulation.IterationsForInject(100, Ms100, 30));

        var result = await Fakes.Quiet(scenario).RunAsync();

        Assert.Equal(30, result.Scenario("warmed").OkCount);
    }
}
