using Actors.Load.Statistics;

namespace Actors.Load.Console;

/// <summary>Shows progress while a run is in its measured phase.</summary>
internal interface ILiveView
{
    Task RunAsync(IReadOnlyList<LiveScenario> scenarios, Task completion);

    /// <summary>Called after the collectors closed a reporting interval (the final one included).</summary>
    void IntervalsClosed(IEnumerable<ScenarioCollector> collectors)
    {
    }
}

/// <summary>What the view knows about a scenario: its collector and planned duration (null = iteration-bounded).</summary>
internal sealed record LiveScenario(ScenarioCollector Collector, TimeSpan? PlannedDuration, Func<TimeSpan> Elapsed);

internal sealed class NullLiveView : ILiveView
{
    public Task RunAsync(IReadOnlyList<LiveScenario> scenarios, Task completion) => completion;
}
