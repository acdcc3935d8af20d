using System.Globalization;
using System.Text;
using Actors.Load.Statistics;
using static Actors.Load.Reports.ReportFacts;

namespace Actors.Load.Reports.Markdown;

/// <summary>
/// report.md: tables for pull requests and wikis: environment, per scenario and step the response, service and wait
/// rows, bytes, status codes and errors with their share of requests, intervals, thresholds with attribution and the
/// pacer, and the generator's process per interval.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public ReportFormat Format => ReportFormat.Md;

    public string FileName => "report.md";

    public void Write(RunResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(result));

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.AppendLine(C, $"# Load run `{result.RunId}`");
        md.AppendLine();
        md.AppendLine(C, $"Started {result.StartedUtc:u}, {result.DurationSeconds:0.##} s, agents: {string.Join(", ", result.Agents)}, reporting interval {result.ReportingIntervalSeconds:0.##} s.");
        md.AppendLine();
        md.AppendLine("## Environment");
        md.AppendLine();
        if (result.Environment is { } environment)
        {
            md.AppendLine("| property | value |");
            md.AppendLine("|---|---|");
            foreach (var (key, value) in ReportFacts.Environment(environment))
            {
                md.AppendLine(C, $"| {key} | {Cell(value)} |");
            }
        }
        else
        {
            md.AppendLine(C, $"Environment {NoEnvironment}.");
        }

        foreach (var scenario in result.Scenarios)
        {
            Scenario(md, scenario);
        }

        Thresholds(md, result);
        Process(md, result);
        md.AppendLine();
        md.AppendLine("Times in ms. Response: intended start to end (no coordinated omission); service: actual start to end; wait: intended to actual start (the generator's lag). Response and service over successful requests, wait over all.");
        return md.ToString();
    }

    private static void Scenario(StringBuilder md, ScenarioResult scenario)
    {
        md.AppendLine();
        md.AppendLine(C, $"## Scenario `{scenario.Name}`");
        md.AppendLine();
        md.AppendLine(C, $"Load: {string.Join(", then ", scenario.Simulations.Select(s => $"`{s}`"))}. {scenario.Lag.Summary}.");
        if (PacerLine(scenario) is { } pacer)
        {
            md.AppendLine();
            md.AppendLine(C, $"{char.ToUpperInvariant(pacer[0])}{pacer[1..]}.");
        }

        md.AppendLine();
        md.AppendLine("| step | measure | count | rps | fail % | min | mean | p50 | p75 | p95 | p99 | p99.9 | max | stddev |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, step) in Steps(scenario))
        {
            foreach (var m in Measures(step, scenario.DurationSeconds))
            {
                var l = m.Latency;
                md.AppendLine(C, $"| {Cell(name)} | {m.Label} | {m.Count} | {m.Rps:0.#} | {(m.FailPercent is { } f ? D(f) : "")} | {D(l.MinMs)} | {D(l.MeanMs)} | {D(l.P50Ms)} | {D(l.P75Ms)} | {D(l.P95Ms)} | {D(l.P99Ms)} | {D(l.P999Ms)} | {D(l.MaxMs)} | {D(l.StdDevMs)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("| step | ok bytes | fail bytes | total bytes | MB/s |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, step) in Steps(scenario))
        {
            md.AppendLine(C, $"| {Cell(name)} | {step.Ok.Bytes} | {step.Fail.Bytes} | {step.Ok.Bytes + step.Fail.Bytes} | {D(MegabytesPerSecond(step, scenario.DurationSeconds))} |");
        }

        var codes = Steps(scenario).SelectMany(s => s.Step.StatusCodes.Select(c => (s.Name, s.Step, Kind: "status", Entry: c))
            .Concat(s.Step.ErrorKinds.Select(e => (s.Name, s.Step, Kind: "error", Entry: e)))).ToList();
        if (codes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("| step | kind | code | count | % of requests |");
            md.AppendLine("|---|---|---|---:|---:|");
            foreach (var c in codes)
            {
                md.AppendLine(C, $"| {Cell(c.Name)} | {c.Kind} | `{Cell(c.Entry.Name)}` | {c.Entry.Count} | {D(PercentOfRequests(c.Entry.Count, c.Step))} |");
            }
        }

        md.AppendLine();
        md.AppendLine("| interval | start s | duration s | ok | fail | rps | p50 | p99 | service p99 | wait p99 | intended starts | late starts | max concurrency | copies |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var load = scenario.Load.ToDictionary(l => l.Index);
        foreach (var i in scenario.Global.Intervals)
        {
            var l = load.GetValueOrDefault(i.Index);
            md.AppendLine(C, $"| {i.Index} | {D(i.StartSeconds)} | {D(i.DurationSeconds)} | {i.OkCount} | {i.FailCount} | {D(i.Rps)} | {D(i.OkLatency.P50Ms)} | {D(i.OkLatency.P99Ms)} | {D(i.ServiceLatency.P99Ms)} | {D(i.WaitLatency.P99Ms)} | {l?.IntendedStarts ?? 0} | {l?.LateStarts ?? 0} | {l?.MaxConcurrency ?? 0} | {l?.Copies ?? 0} |");
        }
    }

    private static void Thresholds(StringBuilder md, RunResult result)
    {
        if (result.Thresholds.Count == 0 && result.Attribution.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine("## Thresholds");
        md.AppendLine();
        if (result.Thresholds.Count > 0)
        {
            md.AppendLine("| scenario | threshold | actual | verdict |");
            md.AppendLine("|---|---|---:|---|");
            foreach (var t in result.Thresholds)
            {
                md.AppendLine(C, $"| {Cell(t.Scenario)} | `{Cell(t.Threshold)}` | {D(t.Actual)} {t.Unit} | {(t.Passed ? "passed" : "**breached**")} |");
            }
        }

        if (result.Attribution.Count > 0)
        {
            md.AppendLine();
            foreach (var sentence in result.Attribution)
            {
                md.AppendLine(C, $"- {sentence}");
            }
        }

        var pacers = result.Scenarios.Select(s => (s.Name, Line: PacerLine(s))).Where(p => p.Line is not null).ToList();
        if (pacers.Count > 0)
        {
            md.AppendLine();
            foreach (var (name, line) in pacers)
            {
                md.AppendLine(C, $"- [{name}] {line}");
            }
        }
    }

    private static void Process(StringBuilder md, RunResult result)
    {
        if (result.Process.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine("## Generator process");
        md.AppendLine();
        md.AppendLine("| agent | interval | start s | duration s | GC pause ms | gen0 | gen1 | gen2 | allocated MB | thread-pool queue | thread-pool threads | CPU % |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in result.Process)
        {
            md.AppendLine(C, $"| {Cell(p.Agent)} | {p.Index} | {D(p.StartSeconds)} | {D(p.DurationSeconds)} | {D(p.GcPauseMs)} | {p.Gen0Collections} | {p.Gen1Collections} | {p.Gen2Collections} | {D(p.AllocatedBytes / 1e6)} | {p.ThreadPoolQueueLength} | {p.ThreadPoolThreads} | {D(p.CpuPercent)} |");
        }
    }

    // A pipe would end the cell early; command lines and error names can hold one.
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);
}
