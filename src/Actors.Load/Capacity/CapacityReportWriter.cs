using System.Globalization;
using System.Text;
using System.Text.Json;
using Actors.Load.Reports.Html;
using Actors.Load.Reports.Json;

namespace Actors.Load.Capacity;

/// <summary>Writes capacity.html (chart of achieved rps and p99 against the target rate), capacity.md and capacity.json.</summary>
public static class CapacityReportWriter
{
    public static string Write(CapacityResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        var full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, "capacity.html"), RenderHtml(result));
        File.WriteAllText(Path.Combine(full, "capacity.md"), RenderMarkdown(result));
        File.WriteAllText(Path.Combine(full, "capacity.json"), JsonSerializer.Serialize(result, JsonReportWriter.Options));
        return full;
    }

    public static string RenderHtml(CapacityResult result)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Capacity of {HtmlPage.E(result.Scenario)}</h1>");
        body.Append(CultureInfo.InvariantCulture, $"<p>SLO <code>{HtmlPage.E(result.Slo)}</code>: highest passing rate <strong>{HtmlPage.E(Best(result))}</strong>. {HtmlPage.E(result.StopReason)}.</p>");
        body.Append(SvgLineChart.Render("Achieved vs target rate", "target rate (req/s)", "req/s",
        [
            new ChartSeries("target", "#9e9e9e", [.. ByRate(result).Select(s => ((double)s.TargetRate, (double)s.TargetRate))]),
            new ChartSeries("achieved", "#2e7d32", [.. ByRate(result).Select(s => ((double)s.TargetRate, s.AchievedRps))]),
        ]));
        body.Append(SvgLineChart.Render("Latency by rate", "target rate (req/s)", "ms",
        [
            new ChartSeries("p50", "#1565c0", [.. ByRate(result).Select(s => ((double)s.TargetRate, s.P50Ms))]),
            new ChartSeries("p99", "#c62828", [.. ByRate(result).Select(s => ((double)s.TargetRate, s.P99Ms))]),
        ]));
        body.Append(HtmlPage.Table(["target rate", "achieved rps", "p50 ms", "p99 ms", "fail %", "errors", "late starts", "verdict"],
            result.Steps.Select(s => (IReadOnlyList<string>)[
                s.TargetRate.ToString(CultureInfo.InvariantCulture), D(s.AchievedRps), D(s.P50Ms), D(s.P99Ms), D(s.FailPercent), s.ErrorSummary,
                s.LateStarts.ToString(CultureInfo.InvariantCulture), Verdict(s)])));
        return HtmlPage.Wrap($"Capacity of {result.Scenario}", body.ToString());
    }

    public static string RenderMarkdown(CapacityResult result)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Capacity of `{result.Scenario}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"SLO `{result.Slo}`: highest passing rate **{Best(result)}**. {result.StopReason}.");
        md.AppendLine();
        md.AppendLine("| target rate | achieved rps | p50 ms | p99 ms | fail % | errors | late starts | verdict |");
        md.AppendLine("|---:|---:|---:|---:|---:|---|---:|---|");
        foreach (var s in result.Steps)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.TargetRate} | {D(s.AchievedRps)} | {D(s.P50Ms)} | {D(s.P99Ms)} | {D(s.FailPercent)} | {s.ErrorSummary} | {s.LateStarts} | {Verdict(s)} |");
        }

        return md.ToString();
    }

    // Refinement steps come after the failing step they bisect; the charts draw rates in order.
    private static IEnumerable<CapacityStep> ByRate(CapacityResult result) => result.Steps.OrderBy(s => s.TargetRate);

    private static string Verdict(CapacityStep s) => (s.Passed ? "passed" : string.Join("; ", s.Breaches)) + (s.Refinement ? " (refinement)" : "");

    private static string Best(CapacityResult result) =>
        result.HighestPassingRate is { } rate ? $"{rate}/s" : "none (the first step already broke the SLO)";

    private static string D(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
