using System.Globalization;
using System.Text;
using Actors.Load.Statistics;
using static Actors.Load.Reports.ReportFacts;

namespace Actors.Load.Reports.Csv;

/// <summary>
/// report.csv: every fact of the run for spreadsheets and scripts, in sections.
/// </summary>
/// <remarks>
/// Layout, so that a script needs no guessing: the file is a sequence of sections separated by one empty line, each
/// starting with its own header row. The first section is the latency table, whose columns are the file's original
/// ones in their original order (<see cref="Columns"/>, the file's first row; scripts that read it by position keep
/// working) with <c>measure</c> and <c>count</c> appended; it has a row per scenario, step and measure (response,
/// response_fail, service, wait) for the whole run ("total") and per interval. Every later section names itself in its
/// first column ("section" in its header, the section's name in its rows), so a reader splits on empty lines and takes
/// each block's first row as its header. Numbers use the invariant culture and are never quoted or grouped; text cells
/// are quoted only when they hold a comma, quote or line break (RFC 4180).
/// Later sections: bytes, codes, scenario (load, lag, pacer), load (per interval), threshold, attribution, environment,
/// process (per agent and interval).
/// </remarks>
public sealed class CsvReportWriter : IReportWriter
{
    /// <summary>Header of the latency section (the file's first row). Measures: response, response_fail, service, wait.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "scenario", "step", "interval", "start_s", "duration_s", "ok_count", "fail_count", "rps", "fail_percent",
        "min_ms", "mean_ms", "max_ms", "stddev_ms", "p50_ms", "p75_ms", "p95_ms", "p99_ms", "p99_9_ms", "measure", "count",
    ];

    public static readonly IReadOnlyList<string> BytesColumns = ["section", "scenario", "step", "ok_bytes", "fail_bytes", "total_bytes", "mb_per_s"];

    public static readonly IReadOnlyList<string> CodesColumns = ["section", "scenario", "step", "kind", "name", "count", "percent_of_requests"];

    public static readonly IReadOnlyList<string> ScenarioColumns =
    [
        "section", "scenario", "duration_s", "simulations", "intended_starts", "late_starts", "late_threshold_ms", "max_lateness_ms",
        "pacer", "pacer_cpu_s", "pacer_cpu_percent_of_core",
    ];

    public static readonly IReadOnlyList<string> LoadColumns =
    [
        "section", "scenario", "interval", "start_s", "duration_s", "intended_starts", "late_starts", "intended_rps", "achieved_rps",
        "max_concurrency", "copies",
    ];

    public static readonly IReadOnlyList<string> ThresholdColumns = ["section", "scenario", "threshold", "actual", "unit", "passed"];

    public static readonly IReadOnlyList<string> AttributionColumns = ["section", "text"];

    public static readonly IReadOnlyList<string> EnvironmentColumns =
    [
        "section", "machine", "cores", "os", "runtime", "build", "configuration", "server_gc", "command_line", "git_commit",
    ];

    public static readonly IReadOnlyList<string> ProcessColumns =
    [
        "section", "agent", "interval", "start_s", "duration_s", "gc_pause_ms", "gen0_collections", "gen1_collections",
        "gen2_collections", "allocated_bytes", "threadpool_queue_length", "threadpool_threads", "cpu_percent",
    ];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public ReportFormat Format => ReportFormat.Csv;

    public string FileName => "report.csv";

    public void Write(RunResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(result));

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder();
        Section(csv, Columns, LatencyRows(result));
        Section(csv, BytesColumns, result.Scenarios.SelectMany(s => Steps(s).Select(st => (IReadOnlyList<string>)
            ["bytes", T(s.Name), T(st.Name), N(st.Step.Ok.Bytes), N(st.Step.Fail.Bytes), N(st.Step.Ok.Bytes + st.Step.Fail.Bytes),
                Num(MegabytesPerSecond(st.Step, s.DurationSeconds))])));
        Section(csv, CodesColumns, result.Scenarios.SelectMany(s => Steps(s).SelectMany(st =>
            st.Step.StatusCodes.Select(c => ("status", c)).Concat(st.Step.ErrorKinds.Select(e => ("error", e))).Select(c => (IReadOnlyList<string>)
                ["codes", T(s.Name), T(st.Name), c.Item1, T(c.Item2.Name), N(c.Item2.Count), Num(PercentOfRequests(c.Item2.Count, st.Step))]))));
        Section(csv, ScenarioColumns, result.Scenarios.Select(s => (IReadOnlyList<string>)
            ["scenario", T(s.Name), Num(s.DurationSeconds), T(string.Join("; ", s.Simulations)), N(s.Lag.IntendedStarts), N(s.Lag.LateStarts),
                Num(s.Lag.LateThresholdMs), Num(s.Lag.MaxLatenessMs), T(s.Pacer ?? ""), s.PacerCpuSeconds is { } cpu ? Num(cpu) : "",
                s.PacerCpuPercentOfCore is { } percent ? Num(percent) : ""]));
        Section(csv, LoadColumns, result.Scenarios.SelectMany(LoadRows));
        Section(csv, ThresholdColumns, result.Thresholds.Select(t => (IReadOnlyList<string>)
            ["threshold", T(t.Scenario), T(t.Threshold), Num(t.Actual), T(t.Unit), t.Passed ? "true" : "false"]));
        Section(csv, AttributionColumns, result.Attribution.Select(a => (IReadOnlyList<string>)["attribution", T(a)]));
        Section(csv, EnvironmentColumns, result.Environment is { } e
            ? [["environment", T(e.Machine), N(e.Cores), T(e.Os), T(e.Runtime), T(e.Build), T(e.Configuration), e.ServerGc ? "true" : "false",
                T(e.CommandLine), T(e.GitCommit ?? "")]]
            : []);
        Section(csv, ProcessColumns, result.Process.Select(p => (IReadOnlyList<string>)
            ["process", T(p.Agent), N(p.Index), Num(p.StartSeconds), Num(p.DurationSeconds), Num(p.GcPauseMs), N(p.Gen0Collections),
                N(p.Gen1Collections), N(p.Gen2Collections), N(p.AllocatedBytes), N(p.ThreadPoolQueueLength), N(p.ThreadPoolThreads),
                Num(p.CpuPercent)]));
        return csv.ToString();
    }

    private static IEnumerable<IReadOnlyList<string>> LatencyRows(RunResult result)
    {
        foreach (var scenario in result.Scenarios)
        {
            foreach (var (stepName, step) in Steps(scenario))
            {
                foreach (var m in Measures(step, scenario.DurationSeconds))
                {
                    yield return Latency(scenario.Name, stepName, m.Key, "total", 0, scenario.DurationSeconds, m.Count, step.Ok.Count,
                        step.Fail.Count, m.Rps, step.FailPercent, m.Latency);
                }

                foreach (var i in step.Intervals)
                {
                    var total = i.OkCount + i.FailCount;
                    var failPercent = total == 0 ? 0 : 100.0 * i.FailCount / total;
                    var span = Math.Max(i.DurationSeconds, 1e-9);
                    foreach (var (measure, latency) in new[] { ("response", i.OkLatency), ("service", i.ServiceLatency), ("wait", i.WaitLatency) })
                    {
                        yield return Latency(scenario.Name, stepName, measure, N(i.Index), i.StartSeconds, i.DurationSeconds, latency.Count,
                            i.OkCount, i.FailCount, measure == "response" ? i.Rps : latency.Count / span, failPercent, latency);
                    }
                }
            }
        }
    }

    private static IReadOnlyList<string> Latency(string scenario, string step, string measure, string interval, double start, double duration,
        long count, long ok, long fail, double rps, double failPercent, LatencyResult l) =>
        [T(scenario), T(step), interval, Num(start), Num(duration), N(ok), N(fail), Num(rps), Num(failPercent), Num(l.MinMs), Num(l.MeanMs),
            Num(l.MaxMs), Num(l.StdDevMs), Num(l.P50Ms), Num(l.P75Ms), Num(l.P95Ms), Num(l.P99Ms), Num(l.P999Ms), measure, N(count)];

    private static IEnumerable<IReadOnlyList<string>> LoadRows(ScenarioResult scenario)
    {
        var requests = scenario.Global.Intervals.ToDictionary(i => i.Index);
        foreach (var l in scenario.Load)
        {
            var duration = l.DurationSeconds > 0 ? l.DurationSeconds : requests.TryGetValue(l.Index, out var r) ? r.DurationSeconds : 0;
            var span = Math.Max(duration, 1e-9);
            var achieved = requests.TryGetValue(l.Index, out var i) ? (i.OkCount + i.FailCount) / span : 0;
            yield return ["load", T(scenario.Name), N(l.Index), Num(l.StartSeconds), Num(duration), N(l.IntendedStarts), N(l.LateStarts),
                Num(l.IntendedStarts / span), Num(achieved), N(l.MaxConcurrency), N(l.Copies)];
        }
    }

    private static void Section(StringBuilder csv, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (csv.Length > 0)
        {
            csv.AppendLine();
        }

        csv.AppendLine(string.Join(',', header));
        foreach (var row in rows)
        {
            csv.AppendLine(string.Join(',', row));
        }
    }

    private static string Num(double value) => value.ToString("0.###", C);

    private static string T(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
