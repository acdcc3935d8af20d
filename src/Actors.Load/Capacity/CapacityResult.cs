namespace Actors.Load.Capacity;

/// <summary>One rate tried by a capacity search.</summary>
public sealed record CapacityStep(int TargetRate, double AchievedRps, double P50Ms, double P99Ms, double FailPercent,
    long LateStarts, bool Passed, IReadOnlyList<string> Breaches)
{
    /// <summary>A step of the refinement between the highest passing and the lowest failing rate (not of the growing phase).</summary>
    public bool Refinement { get; init; }

    /// <summary>The step's failures by kind ("TimeoutException: 3"), most frequent first; empty when none failed.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The errors as one short text for tables ("-" when none).</summary>
    public string ErrorSummary => Errors.Count == 0 ? "-" : string.Join(", ", Errors);
}

/// <summary>The outcome of a capacity search: the highest rate that met the SLO and every step tried.</summary>
public sealed record CapacityResult(string Scenario, string Slo, int? HighestPassingRate, IReadOnlyList<CapacityStep> Steps,
    string StopReason);
