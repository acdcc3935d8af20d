namespace Actors.Load.Capacity;

/// <summary>One rate tried by a capacity search.</summary>
public sealed record CapacityStep(int TargetRate, double AchievedRps, double P50Ms, double P99Ms, double FailPercent,
    long LateStarts, bool Passed, IReadOnlyList<string> Breaches);

/// <summary>The outcome of a capacity search: the highest rate that met the SLO and every step tried.</summary>
public sealed record CapacityResult(string Scenario, string Slo, int? HighestPassingRate, IReadOnlyList<CapacityStep> Steps,
    string StopReason);
