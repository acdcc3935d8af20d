using Actors.Load.Statistics;

namespace Actors.LoadTests.Commands;

/// <summary>The few lines a person (or a CI log) needs after a run: where the reports are and whether the SLO held.</summary>
public static class RunSummary
{
    public static void Print(RunResult result)
    {
        foreach (var scenario in result.Scenarios)
        {
            var latency = scenario.Global.Ok.Latency;
            Console.WriteLine($"{scenario.Name}: ok {scenario.OkCount:N0}, fail {scenario.FailCount:N0} ({scenario.FailPercent:F2}%), " +
                $"{scenario.Rps:N0} rps, p50 {latency.P50Ms:F2} ms, p99 {latency.P99Ms:F2} ms, max {latency.MaxMs:F2} ms. {scenario.Lag.Summary}");
        }

        foreach (var threshold in result.Thresholds)
        {
            Console.WriteLine($"threshold {(threshold.Passed ? "passed" : "BREACHED")} ({threshold.Scenario}): {threshold.Message}");
        }

        if (result.ReportFolder is not null)
        {
            Console.WriteLine($"Reports: {result.ReportFolder}");
        }
    }
}
