using Actors.Load.Scenarios;
using HdrHistogram;
using Actors.Load.Statistics;

namespace Actors.Load.Tests;

/// <summary>
/// The per-interval load gauges are attributed to planned windows, not to the moment an interval is taken, so a
/// reporting timer that fires late (a loaded machine) cannot move them. Driven directly, with no clock at all.
/// </summary>
public sealed class ScenarioCollectorTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Copies_retired_after_a_window_but_before_its_late_take_still_count_in_that_window()
    {
        var collector = new ScenarioCollector("late_take", Ms(10), Interval);
        collector.SetCopies(4, Ms(0));
        collector.TakeInterval(Ms(250));
        collector.SetCopies(0, Ms(300)); // the run ended at 300 ms ...
        collector.TakeInterval(Ms(500)); // ... and the timer for the 500 ms boundary fired only after that

        var intervals = collector.ToRaw(Ms(300), [], []).Intervals;

        Assert.Equal([4, 4], intervals.Select(i => i.Copies));
    }

    [Fact]
    public void Copies_set_after_a_boundary_wait_for_the_next_window()
    {
        var collector = new ScenarioCollector("ramp", Ms(10), Interval);
        collector.SetCopies(2, Ms(100));
        collector.SetCopies(6, Ms(260)); // recorded before the 250 ms take happened, but after its boundary
        collector.TakeInterval(Ms(250));
        collector.TakeInterval(Ms(500));

        var intervals = collector.ToRaw(Ms(500), [], []).Intervals;

        Assert.Equal([2, 6], intervals.Select(i => i.Copies));
    }

    [Fact]
    public void Intended_starts_count_in_the_window_they_were_intended_for_whenever_they_started()
    {
        var collector = new ScenarioCollector("lagging", Ms(10), Interval);
        collector.IntendedStart(Ms(100), lateness: Ms(1));
        collector.TakeInterval(Ms(250));
        collector.IntendedStart(Ms(200), lateness: Ms(150)); // intended in the first window, started in the second
        collector.IntendedStart(Ms(300), lateness: Ms(0));
        collector.TakeInterval(Ms(500), close: true);

        var raw = collector.ToRaw(Ms(500), [], []);

        Assert.Equal([2, 1], raw.Intervals.Select(i => i.IntendedStarts));
        Assert.Equal([1, 0], raw.Intervals.Select(i => i.LateStarts));
        Assert.Equal(3, raw.IntendedStarts);
        Assert.Equal(1, raw.LateStarts);
    }

    [Fact]
    public void Closing_late_takes_every_planned_boundary_it_passed_before_the_final_interval()
    {
        var collector = new ScenarioCollector("missed_boundaries", Ms(10), Interval);
        collector.IntendedStart(Ms(600), lateness: Ms(0));

        collector.TakeInterval(Ms(800), close: true); // no timer took 250, 500 or 750
        collector.TakeInterval(Ms(750)); // the late timer finds the scenario closed

        var intervals = collector.ToRaw(Ms(800), [], []).Intervals;

        Assert.Equal([0.0, 250, 500, 750], intervals.Select(i => i.Start.TotalMilliseconds));
        Assert.Equal(50, intervals[^1].Duration.TotalMilliseconds);
        Assert.Equal([0L, 0, 1, 0], intervals.Select(i => i.IntendedStarts));
    }

    [Fact]
    public void Interval_histograms_hold_only_their_own_interval_and_are_compact()
    {
        var step = new StepCollector("s");
        foreach (var micros in new long[] { 100, 200, 300 })
        {
            step.Record(Response.Ok(), micros, micros, 1);
        }

        var first = step.TakeInterval(0);
        step.Record(Response.Ok(), 50_000, 40_000, 10_000);
        var second = step.TakeInterval(1);
        var third = step.TakeInterval(2);

        Assert.Equal(3, first.Ok.TotalCount);
        Assert.InRange(first.Ok.GetMaxValue(), 300, 301);
        Assert.Equal(1, second.Ok.TotalCount);
        Assert.Equal(1, second.Service.TotalCount);
        Assert.Equal(1, second.Wait.TotalCount);
        Assert.Equal(0, third.Ok.TotalCount);
        Assert.Equal(4, step.ToRaw().Ok.TotalCount);
        // Interval histograms are sized to their values (kept for the whole run: the standard shape is 188 KB each).
        Assert.True(first.Ok.GetEstimatedFootprintInBytes() < 85_000, $"{first.Ok.GetEstimatedFootprintInBytes()} bytes");
        Assert.True(RunMerger.AreEqual(LatencyHistogram.Sum([first.Ok, second.Ok, third.Ok]), step.ToRaw().Ok));
    }
}
