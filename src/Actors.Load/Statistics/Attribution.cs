using System.Globalization;
using Actors.Load.Thresholds;

namespace Actors.Load.Statistics;

/// <summary>
/// Says where a breached latency threshold came from, from what was measured beside it: the intervals in which the
/// scenario's latency exceeded the threshold, the generator's GC pauses in those intervals, and its wait time (its lag
/// in starting requests) there. A breach with neither points at the system under test.
/// </summary>
public static class Attribution
{
    /// <summary>A GC pause in the bad intervals counts as a cause from this share of the threshold's value on.</summary>
    public const double GcShare = 0.5;

    /// <summary>Generator lag counts as a cause when the wait p99 in the bad intervals reaches this share of the threshold.</summary>
    public const double WaitShare = 0.25;

    public static string? Explain(ScenarioResult scenario, Threshold threshold, IReadOnlyList<ProcessIntervalResult> process)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(process);
        if (!threshold.IsLatency)
        {
            return null;
        }

        var intervals = scenario.Global.Intervals;
        var bad = intervals.Where(i => !threshold.Holds(Value(i, threshold))).ToList();
        var scope = bad.Count > 0 ? bad : [.. intervals];
        var indexes = scope.Select(i => i.Index).ToHashSet();
        var pauses = process.Where(p => indexes.Contains(p.Index)).ToList();
        var gcMs = pauses.Sum(p => p.GcPauseMs);
        var gen2 = pauses.Sum(p => p.Gen2Collections);
        var waitP99 = scope.Count == 0 ? 0 : scope.Max(i => i.WaitLatency.P99Ms);
        var c = CultureInfo.InvariantCulture;
        var where = bad.Count > 0
            ? string.Create(c, $"{bad.Count} of {intervals.Count} intervals broke it ({string.Join(", ", bad.Take(5).Select(i => $"{i.StartSeconds:0.#}-{i.StartSeconds + i.DurationSeconds:0.#} s"))}{(bad.Count > 5 ? ", ..." : "")})")
            : "no single interval broke it (the whole run did)";
        var causes = new List<string>();
        if (pauses.Count > 0 && gcMs >= GcShare * threshold.Value)
        {
            causes.Add(string.Create(c, $"GC pauses of the generator's process ({gcMs:0.#} ms in those intervals{(gen2 > 0 ? $", {gen2} gen2" : "")})"));
        }

        if (threshold.Measure != ThresholdMeasure.Wait && waitP99 >= WaitShare * threshold.Value)
        {
            causes.Add(string.Create(c, $"generator lag (wait p99 up to {waitP99:0.###} ms)"));
        }

        var verdict = causes.Count > 0
            ? $"coincides with {string.Join(" and ", causes)}"
            : string.Create(c, $"no generator GC pause ({gcMs:0.#} ms) or lag (wait p99 {waitP99:0.###} ms) to explain it: the system under test");
        return $"[{scenario.Name}] {threshold.Text} breached: {where}; {verdict}.";
    }

    private static double Value(IntervalResult interval, Threshold threshold) =>
        ThresholdEvaluator.Read(ThresholdEvaluator.Select(threshold.Measure, interval.OkLatency, interval.ServiceLatency, interval.WaitLatency), threshold.Metric);
}
