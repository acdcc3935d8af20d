using System.Globalization;
using System.Text;
using Actors.Load.Statistics;

namespace Actors.Load.Reports.Markdown;

/// <summary>report.md: tables for pull requests and wikis.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Md;

    public string FileName => "report.md";

    public void Write(RunResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(result));

    public static string Render(RunResult result)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Load run `{result.RunId}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Started {result.StartedUtc:u}, {result.DurationSeconds:0.##} s, agents: {string.Join(", ", result.Agents)}.");
        foreach (var scenario in result.Scenarios)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## Scenario `{scenario.Name}`");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Load: {string.Join(", then ", scenario.Simulations.Select(s => $"`{s}`"))}. {scenario.Lag.Summary}.");
            md.AppendLine();
            md.AppendLine("| step | ok | fail | rps | fail % | min | mean | p50 | p75 | p95 | p99 | p99.9 | max | stddev |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var step in new[] { scenario.Global }.Concat(scenario.Steps))
            {
                var l = step.Ok.Latency;
                var name = ReferenceEquals(step, scenario.Global) ? "global" : step.Name;
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {step.Ok.Count} | {step.Fail.Count} | {step.Rps:0.#} | {step.FailPercent:0.###} | {l.MinMs:0.###} | {l.MeanMs:0.###} | {l.P50Ms:0.###} | {l.P75Ms:0.###} | {l.P95Ms:0.###} | {l.P99Ms:0.###} | {l.P999Ms:0.###} | {l.MaxMs:0.###} | {l.StdDevMs:0.###} |");
            }

            var codes = scenario.Global.StatusCodes.Select(c => $"`{c.Name}` {c.Count}")
                .Concat(scenario.Global.ErrorKinds.Select(e => $"error `{e.Name}` {e.Count}")).ToList();
            if (codes.Count > 0)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"Status codes and errors: {string.Join(", ", codes)}.");
            }
        }

        if (result.Thresholds.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Thresholds");
            md.AppendLine();
            md.AppendLine("| scenario | threshold | actual | verdict |");
            md.AppendLine("|---|---|---:|---|");
            foreach (var t in result.Thresholds)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {t.Scenario} | `{t.Threshold}` | {t.Actual:0.###} {t.Unit} | {(t.Passed ? "passed" : "**breached**")} |");
            }
        }

        md.AppendLine();
        md.AppendLine("Latencies in ms over successful requests; open-model latency runs from the intended start (no coordinated omission).");
        return md.ToString();
    }
}
