using Actors.Load.Statistics;

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

    /// <summary>This attempt broke the SLO and was measured again (the next step, same rate); its verdict was not the answer.</summary>
    public bool Retried { get; init; }

    /// <summary>A second measurement of a rate that had passed, to confirm it as the answer (see <see cref="CapacitySearchOptions.ConfirmSteps"/>).</summary>
    public bool Confirmation { get; init; }

    /// <summary>How long the step held its rate.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Intervals in which the generator stalled (a long GC pause of its process, or requests started late), e.g.
    /// "3-4 s: GC paused 80 ms". A step with stalls measured the generator as much as the target.</summary>
    public IReadOnlyList<string> Stalls { get; init; } = [];

    /// <summary>Cores in use on average while the step ran (warm-up included), from <see cref="CapacitySearchOptions.CpuSeconds"/>; null when not measured.</summary>
    public double? CpuCores { get; init; }

    /// <summary>The step's response time p99 per reporting interval (ms), for the report's drill-down.</summary>
    public IReadOnlyList<double> IntervalP99Ms { get; init; } = [];

    /// <summary>The verdict for tables: "passed", "BROKE", with "(refinement)", "(confirmation)", "(retried)" and "(stalled)" as they apply.</summary>
    public string Verdict =>
        (Passed ? "passed" : "BROKE") + (Refinement ? " (refinement)" : "") + (Confirmation ? " (confirmation)" : "") + (Retried ? " (retried)" : "")
        + (Stalls.Count > 0 ? " (stalled)" : "");
}

/// <summary>The outcome of a capacity search: the highest rate that met the SLO and every step tried.</summary>
public sealed record CapacityResult(string Scenario, string Slo, int? HighestPassingRate, IReadOnlyList<CapacityStep> Steps,
    string StopReason)
{
    /// <summary>Steps in which the generator stalled.</summary>
    public int StalledSteps => Steps.Count(s => s.Stalls.Count > 0);

    /// <summary>
    /// Whether a second measurement of the answer passed too (true when the search does not confirm, see
    /// <see cref="CapacitySearchOptions.ConfirmSteps"/>, or found no passing rate).
    /// </summary>
    public bool Confirmed { get; init; } = true;
}

/// <summary>What one probe of a capacity search measured: the scenario and the generator's process beside it.</summary>
public sealed record CapacityProbe(ScenarioResult Scenario, IReadOnlyList<ProcessIntervalResult> Process);

/// <summary>Several searches of the same target, one after the other, and how far their answers spread.</summary>
public sealed record CapacityRepeatResult(IReadOnlyList<CapacityResult> Runs)
{
    public IReadOnlyList<int> Answers => [.. Runs.Select(r => r.HighestPassingRate ?? 0)];

    public int Min => Answers.Count == 0 ? 0 : Answers.Min();

    public int Max => Answers.Count == 0 ? 0 : Answers.Max();

    /// <summary>The median answer (the lower middle of an even count: the conservative one).</summary>
    public int Median => Answers.Count == 0 ? 0 : Answers.Order().ElementAt((Answers.Count - 1) / 2);

    /// <summary>Largest distance of an answer from the median, as a percentage of the median ("within ±x %").</summary>
    public double SpreadPercent => Median == 0 ? 0 : 100.0 * Math.Max(Max - Median, Median - Min) / Median;
}
