using System.Globalization;
using System.Text;
using Actors.Load.Statistics;

namespace Actors.Load.Reports.Csv;

/// <summary>report.csv: one row per scenario/step total and per reporting interval, for spreadsheets and scripts.</summary>
public sealed class CsvReportWriter : IReportWriter
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "scenario", "step", "interval", "start_s", "duration_s", "ok_count", "fail_count", "rps", "fail_percent",
        "min_ms", "mean_ms", "max_ms", "stddev_ms", "p50_ms", "p75_ms", "p95_ms", "p99_ms", "p99_9_ms",
    ];

    public ReportFormat Format => ReportFormat.Csv;

    public string FileName => "report.csv";

    public void Write(RunResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(result));

    public static string Render(RunResult result)
    {
        var csv = new StringBuilder().AppendLine(string.Join(',', Columns));
        foreach (var scenario in result.Scenarios)
        {
            foreach (var step in new[] { scenario.Global }.Concat(scenario.Steps))
            {
                var stepName = ReferenceEquals(step, scenario.Global) ? "global" : step.Name;
                Row(csv, scenario.Name, stepName, "total", 0, scenario.DurationSeconds, step.Ok.Count, step.Fail.Count,
                    step.Rps, step.FailPercent, step.Ok.Latency);
                foreach (var interval in step.Intervals)
                {
                    var total = interval.OkCount + interval.FailCount;
                    Row(csv, scenario.Name, stepName, interval.Index.ToString(CultureInfo.InvariantCulture), interval.StartSeconds,
                        interval.DurationSeconds, interval.OkCount, interval.FailCount, interval.Rps,
                        total == 0 ? 0 : 100.0 * interval.FailCount / total, interval.OkLatency);
                }
            }
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string scenario, string step, string interval, double start, double duration,
        long ok, long fail, double rps, double failPercent, LatencyResult l)
    {
        string[] cells =
        [
            Escape(scenario), Escape(step), interval, N(start), N(duration), ok.ToString(CultureInfo.InvariantCulture),
            fail.ToString(CultureInfo.InvariantCulture), N(rps), N(failPercent), N(l.MinMs), N(l.MeanMs), N(l.MaxMs),
            N(l.StdDevMs), N(l.P50Ms), N(l.P75Ms), N(l.P95Ms), N(l.P99Ms), N(l.P999Ms),
        ];
        csv.AppendLine(string.Join(',', cells));
    }

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
