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
        var latency = new List<ChartSeries>
        {
            new("p50", "#1565c0", [.. ByRate(result).Select(s => ((double)s.TargetRate, s.P50Ms))]),
            new("p99", "#c62828", [.. ByRate(result).Select(s => ((double)s.TargetRate, s.P99Ms))]),
        };
        if (SloP99Ms(result) is { } slo && result.Steps.Count > 0)
        {
            // The SLO as a flat line across the rates tried, so a reader sees where p99 crosses it.
            latency.Add(new ChartSeries($"SLO {slo.Text}", "#616161", [(result.Steps.Min(s => s.TargetRate), slo.Value), (result.Steps.Max(s => s.TargetRate), slo.Value)]));
        }

        body.Append(SvgLineChart.Render("Latency by rate", "target rate (req/s)", "ms", latency));
        body.Append("<p>Steps in rate order (# is the order they ran in). A step that broke was measured again before it counted (retried); a stalled step had intervals in which the generator itself paused (GC) or started requests late.</p>");
        body.Append(HtmlPage.Table(Header, ByRate(result).Select(s => Row(result, s))));
        body.Append("<h2>Each step's p99 over time</h2>");
        foreach (var step in ByRate(result).Where(s => s.IntervalP99Ms.Count > 0))
        {
            body.Append(CultureInfo.InvariantCulture, $"<details><summary>{step.TargetRate}/s, #{Order(result, step)}: {HtmlPage.E(step.Verdict)}{HtmlPage.E(step.Stalls.Count > 0 ? " - " + string.Join("; ", step.Stalls) : "")}</summary>");
            var seconds = step.DurationSeconds > 0 && step.IntervalP99Ms.Count > 0 ? step.DurationSeconds / step.IntervalP99Ms.Count : 1;
            body.Append(SvgLineChart.Render($"p99 per interval at {step.TargetRate}/s", "time (s)", "ms",
                [new ChartSeries("p99", "#c62828", [.. step.IntervalP99Ms.Select((p99, i) => ((i + 1) * seconds, p99))])]));
            body.Append("</details>");
        }

        return HtmlPage.Wrap($"Capacity of {result.Scenario}", body.ToString());
    }

    /// <summary>Several searches of one target: every answer, the median and the spread, then each search in full.</summary>
    public static string WriteRepeated(CapacityRepeatResult repeated, string folder)
    {
        ArgumentNullException.ThrowIfNull(repeated);
        var full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        for (var i = 0; i < repeated.Runs.Count; i++)
        {
            Write(repeated.Runs[i], Path.Combine(full, $"search{i + 1}"));
        }

        File.WriteAllText(Path.Combine(full, "repeat.md"), RenderRepeatMarkdown(repeated));
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{repeated.Runs.Count} capacity searches</h1><p>{HtmlPage.E(Spread(repeated))}</p>");
        if (repeated.Answers.Count > 0)
        {
            // Each search's answer against the median and the ±10 % band a repeatable search stays in.
            var last = repeated.Runs.Count;
            body.Append(SvgLineChart.Render("Highest passing rate by search", "search", "req/s",
            [
                new ChartSeries("answer", "#2e7d32", [.. repeated.Runs.Select((r, i) => (i + 1.0, (double)(r.HighestPassingRate ?? 0)))]),
                new ChartSeries("median", "#616161", [(1, repeated.Median), (last, repeated.Median)]),
                new ChartSeries("median +10 %", "#bdbdbd", [(1, repeated.Median * 1.1), (last, repeated.Median * 1.1)]),
                new ChartSeries("median -10 %", "#bdbdbd", [(1, repeated.Median * 0.9), (last, repeated.Median * 0.9)]),
            ]));
        }

        body.Append(HtmlPage.Table(["search", "highest passing rate", "steps", "retried", "stalled steps", "report"],
            repeated.Runs.Select((r, i) => (IReadOnlyList<string>)[N(i + 1), Best(r), N(r.Steps.Count), N(r.Steps.Count(s => s.Retried)), N(r.StalledSteps), $"search{i + 1}/capacity.html"])));
        File.WriteAllText(Path.Combine(full, "repeat.html"), HtmlPage.Wrap("Repeated capacity searches", body.ToString()));
        File.WriteAllText(Path.Combine(full, "repeat.json"), JsonSerializer.Serialize(new
        {
            repeated.Answers, repeated.Median, repeated.Min, repeated.Max, repeated.SpreadPercent,
        }, JsonReportWriter.Options));
        return full;
    }

    /// <summary>"3 searches: 8,546, 8,546, 7,121/s; median 8,546/s, spread ±16.7 %".</summary>
    public static string Spread(CapacityRepeatResult repeated)
    {
        ArgumentNullException.ThrowIfNull(repeated);
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"{repeated.Runs.Count} searches: {string.Join(", ", repeated.Answers.Select(a => a.ToString("N0", c)))}/s; median {repeated.Median:N0}/s, spread ±{repeated.SpreadPercent:0.#} % (largest distance from the median)");
    }

    public static string RenderRepeatMarkdown(CapacityRepeatResult repeated)
    {
        ArgumentNullException.ThrowIfNull(repeated);
        var md = new StringBuilder("# Repeated capacity searches\n\n");
        md.AppendLine(Spread(repeated));
        md.AppendLine();
        md.AppendLine("| search | highest passing rate | steps | retried | stalled steps |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        for (var i = 0; i < repeated.Runs.Count; i++)
        {
            var r = repeated.Runs[i];
            md.AppendLine(CultureInfo.InvariantCulture, $"| {i + 1} | {Best(r)} | {r.Steps.Count} | {r.Steps.Count(s => s.Retried)} | {r.StalledSteps} |");
        }

        return md.ToString();
    }

    private static readonly string[] Header = ["#", "target rate", "duration s", "achieved rps", "p50 ms", "p99 ms", "fail %", "errors", "late starts", "cores", "stalls", "verdict"];

    private static IReadOnlyList<string> Row(CapacityResult result, CapacityStep s) =>
    [
        N(Order(result, s)), s.TargetRate.ToString(CultureInfo.InvariantCulture) + (IsAnswer(result, s) ? " (highest passing)" : ""),
        D(s.DurationSeconds), D(s.AchievedRps), D(s.P50Ms), D(s.P99Ms), D(s.FailPercent), s.ErrorSummary,
        s.LateStarts.ToString(CultureInfo.InvariantCulture), Cores(s), s.Stalls.Count == 0 ? "-" : string.Join("; ", s.Stalls), Verdict(s),
    ];

    private static int Order(CapacityResult result, CapacityStep step) => result.Steps.ToList().IndexOf(step) + 1;

    private static bool IsAnswer(CapacityResult result, CapacityStep step) =>
        step.Passed && step.TargetRate == result.HighestPassingRate;

    private static Thresholds.Threshold? SloP99Ms(CapacityResult result)
    {
        try
        {
            return Thresholds.ThresholdParser.Parse(result.Slo).FirstOrDefault(t => t.IsLatency);
        }
        catch (LoadConfigurationException)
        {
            return null;
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string RenderMarkdown(CapacityResult result)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Capacity of `{result.Scenario}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"SLO `{result.Slo}`: highest passing rate **{Best(result)}**. {result.StopReason}.");
        md.AppendLine();
        md.AppendLine("| target rate | achieved rps | p50 ms | p99 ms | fail % | errors | late starts | verdict | # | duration s | cores | stalls |");
        md.AppendLine("|---:|---:|---:|---:|---:|---|---:|---|---:|---:|---:|---|");
        foreach (var s in ByRate(result))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.TargetRate} | {D(s.AchievedRps)} | {D(s.P50Ms)} | {D(s.P99Ms)} | {D(s.FailPercent)} | {s.ErrorSummary} | {s.LateStarts} | {Verdict(s)} | {Order(result, s)} | {D(s.DurationSeconds)} | {Cores(s)} | {(s.Stalls.Count == 0 ? "-" : string.Join("; ", s.Stalls))} |");
        }

        return md.ToString();
    }

    // Refinement steps come after the failing step they bisect; the charts draw rates in order.
    private static IEnumerable<CapacityStep> ByRate(CapacityResult result) => result.Steps.OrderBy(s => s.TargetRate);

    private static string Verdict(CapacityStep s) =>
        (s.Passed ? "passed" : string.Join("; ", s.Breaches)) + (s.Refinement ? " (refinement)" : "") + (s.Confirmation ? " (confirmation)" : "") + (s.Retried ? " (retried)" : "") + (s.Stalls.Count > 0 ? " (stalled)" : "");

    private static string Best(CapacityResult result) =>
        result.HighestPassingRate is { } rate ? $"{rate}/s" + (result.Confirmed ? "" : " (unconfirmed)") : "none (the first step already broke the SLO)";

    // Cores the generator and the target's processes used during the step, where they were measured.
    private static string Cores(CapacityStep s) => s.CpuCores is { } cores ? D(cores) : "-";

    private static string D(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
