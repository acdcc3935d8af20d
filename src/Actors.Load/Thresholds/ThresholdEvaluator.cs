using System.Globalization;
using Actors.Load.Statistics;

namespace Actors.Load.Thresholds;

/// <summary>Evaluates thresholds against a scenario's whole-invocation statistics (latency from the measure the threshold names).</summary>
public static class ThresholdEvaluator
{
    public static ThresholdResult Evaluate(ScenarioResult scenario, Threshold threshold)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(threshold);
        var (actual, unit) = threshold.Metric switch
        {
            ThresholdMetric.FailPercent => (scenario.FailPercent, "%"),
            ThresholdMetric.FailCount => (scenario.FailCount, "requests"),
            ThresholdMetric.Rps => (scenario.Rps, "rps"),
            _ => (Read(Select(threshold.Measure, scenario.Global.Ok.Latency, scenario.Global.Service, scenario.Global.Wait), threshold.Metric), "ms"),
        };

        // A latency SLO cannot pass on zero successful requests: "p99<50ms" with everything failing is a breach.
        // Wait is recorded for every request, so a wait threshold only needs some request to have started.
        var measurable = !threshold.IsLatency || (threshold.Measure == ThresholdMeasure.Wait ? scenario.OkCount + scenario.FailCount > 0 : scenario.OkCount > 0);
        var passed = measurable && threshold.Holds(actual);
        var shown = actual.ToString("0.###", CultureInfo.InvariantCulture);
        return new ThresholdResult
        {
            Scenario = scenario.Name,
            Threshold = threshold.Text,
            Actual = actual,
            Unit = unit,
            Passed = passed,
            Message = measurable
                ? $"{threshold.Text} {(passed ? "passed" : "BREACHED")}: {shown} {unit}"
                : $"{threshold.Text} BREACHED: no successful requests to measure",
        };
    }

    /// <summary>Which of the three times a latency threshold reads.</summary>
    internal static LatencyResult Select(ThresholdMeasure measure, LatencyResult response, LatencyResult service, LatencyResult wait) =>
        measure switch
        {
            ThresholdMeasure.Service => service,
            ThresholdMeasure.Wait => wait,
            _ => response,
        };

    /// <summary>The value of a latency metric (ms).</summary>
    internal static double Read(LatencyResult latency, ThresholdMetric metric) => metric switch
    {
        ThresholdMetric.Min => latency.MinMs,
        ThresholdMetric.Mean => latency.MeanMs,
        ThresholdMetric.Max => latency.MaxMs,
        ThresholdMetric.StdDev => latency.StdDevMs,
        ThresholdMetric.P50 => latency.P50Ms,
        ThresholdMetric.P75 => latency.P75Ms,
        ThresholdMetric.P95 => latency.P95Ms,
        ThresholdMetric.P99 => latency.P99Ms,
        ThresholdMetric.P999 => latency.P999Ms,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a latency metric"),
    };
}
