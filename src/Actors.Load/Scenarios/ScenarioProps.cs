using Actors.Load.Simulations;
using Actors.Load.Thresholds;

namespace Actors.Load.Scenarios;

/// <summary>
/// An immutable scenario definition (NBomber's <c>ScenarioProps</c>): a name, a step function and how to load it.
/// Build it with <see cref="Scenario.Create"/> and the <c>With...</c> methods; each returns a new instance.
/// </summary>
public sealed record ScenarioProps
{
    internal ScenarioProps(string name, Func<IScenarioContext, Task<IResponse>> run)
    {
        Name = name;
        Run = run;
    }

    /// <summary>The snake_case name that appears unchanged in every report.</summary>
    public string Name { get; }

    /// <summary>The step function run once per invocation.</summary>
    public Func<IScenarioContext, Task<IResponse>> Run { get; }

    /// <summary>Optional set-up run once before warm-up; an exception stops the run.</summary>
    public Func<IScenarioInitContext, Task>? Init { get; init; }

    /// <summary>Optional tear-down run once after the scenario finished (also after a failure).</summary>
    public Func<IScenarioInitContext, Task>? Clean { get; init; }

    /// <summary>0 = not weighted. Weighted scenarios share the load of the first weighted one; each invocation
    /// picks one of them with probability weight / sum of weights.</summary>
    public int Weight { get; init; }

    /// <summary>Load applied (and then discarded from the statistics) before the measured run.</summary>
    public TimeSpan WarmUpDuration { get; init; }

    /// <summary>The load shape, applied one simulation after the other.</summary>
    public IReadOnlyList<LoadSimulation> LoadSimulations { get; init; } = [];

    /// <summary>SLO checks evaluated on this scenario's totals after the run.</summary>
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];

    public ScenarioProps WithInit(Func<IScenarioInitContext, Task> init) => this with { Init = init };

    public ScenarioProps WithClean(Func<IScenarioInitContext, Task> clean) => this with { Clean = clean };

    public ScenarioProps WithWeight(int weight) => this with { Weight = weight };

    public ScenarioProps WithWarmUpDuration(TimeSpan duration) => this with { WarmUpDuration = duration };

    public ScenarioProps WithoutWarmUp() => this with { WarmUpDuration = TimeSpan.Zero };

    public ScenarioProps WithLoadSimulations(params LoadSimulation[] simulations) =>
        this with { LoadSimulations = [.. simulations] };

    public ScenarioProps WithThresholds(params Threshold[] thresholds) => this with { Thresholds = [.. thresholds] };

    /// <summary>Parses thresholds such as <c>"p99&lt;50ms,fail&lt;0.1%"</c>; bad syntax throws
    /// <see cref="LoadConfigurationException"/>.</summary>
    public ScenarioProps WithThresholds(string thresholds) =>
        this with { Thresholds = [.. Thresholds, .. ThresholdParser.Parse(thresholds)] };
}
