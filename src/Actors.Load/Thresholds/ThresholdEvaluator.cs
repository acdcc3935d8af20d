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
        var latency = threshold.Measure switch
        {
            ThresholdMeasure.Service => scenario.Global.Service,
            ThresholdMeasure.Wait => scenario.Global.Wait,
            _ => scenario.Global.Ok.Latency,
        };
        var (actual, unit) = threshold.Metric switch
        {
            ThresholdMetric.Min => (latency.MinMs, "ms"),
            ThresholdMetric.Mean => (latency.MeanMs, "ms"),
            ThresholdMetric.Max => (latency.MaxMs, "ms"),
            ThresholdMetric.StdDev => (latency.StdDevMs, "ms"),
            ThresholdMetric.P50 => (latency.P50Ms, "ms"),
            ThresholdMetric.P75 => (latency.P75Ms, "ms"),
            ThresholdMetric.P95 => (latency.P95Ms, "ms"),
            ThresholdMetric.P99 => (latency.P99Ms, "ms"),
            ThresholdMetric.P999 => (latency.P999Ms, "ms"),
            ThresholdMetric.FailPercent => (scenario.FailPercent, "%"),
            ThresholdMetric.FailCount => (scenario.FailCount, "requests"),
            _ => (scenario.Rps, "rps"),
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
}
