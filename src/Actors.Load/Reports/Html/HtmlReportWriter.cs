using System.Globalization;
using System.Text;
using Actors.Load.Statistics;

namespace Actors.Load.Reports.Html;

/// <summary>report.html: self-contained page with SVG charts of RPS and latency percentiles over time, and tables.</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Html;

    public string FileName => "report.html";

    public void Write(RunResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(result));

    public static string Render(RunResult result)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Load run {HtmlPage.E(result.RunId)}</h1>");
        body.Append(CultureInfo.InvariantCulture, $"<p>Started {result.StartedUtc:u}, duration {result.DurationSeconds:0.##} s, agents {HtmlPage.E(string.Join(", ", result.Agents))}, reporting interval {result.ReportingIntervalSeconds:0.##} s.</p>");
        if (result.Thresholds.Count > 0)
        {
            body.Append("<h2>Thresholds</h2>");
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"{(result.AllThresholdsPassed ? "pass" : "fail")}\">{(result.AllThresholdsPassed ? "All thresholds passed" : "Threshold breached")}</p>");
            body.Append(HtmlPage.Table(["scenario", "threshold", "actual", "verdict"], result.Thresholds.Select(t =>
                (IReadOnlyList<string>)[t.Scenario, t.Threshold, $"{t.Actual.ToString("0.###", CultureInfo.InvariantCulture)} {t.Unit}", t.Passed ? "passed" : "BREACHED"])));
        }

        foreach (var scenario in result.Scenarios)
        {
            body.Append(Scenario(scenario));
        }

        body.Append("<p>Latencies in milliseconds over successful requests. Open-model latency runs from each request's intended start, so a stalled target or generator shows up (no coordinated omission).</p>");
        return HtmlPage.Wrap($"Load run {result.RunId}", body.ToString());
    }

    private static string Scenario(ScenarioResult scenario)
    {
        var html = new StringBuilder("<section>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>Scenario {HtmlPage.E(scenario.Name)}</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Load: {HtmlPage.E(string.Join(", then ", scenario.Simulations))}. {HtmlPage.E(scenario.Lag.Summary)}.</p>");
        var intervals = scenario.Global.Intervals;
        double End(IntervalResult i) => i.StartSeconds + i.DurationSeconds;
        html.Append(SvgLineChart.Render("Requests per second", "time (s)", "rps",
        [
            new ChartSeries("ok", "#2e7d32", [.. intervals.Select(i => (End(i), i.OkCount / Math.Max(i.DurationSeconds, 1e-9)))]),
            new ChartSeries("fail", "#c62828", [.. intervals.Select(i => (End(i), i.FailCount / Math.Max(i.DurationSeconds, 1e-9)))]),
        ]));
        html.Append(SvgLineChart.Render("Latency percentiles", "time (s)", "ms",
        [
            new ChartSeries("p50", "#1565c0", [.. intervals.Select(i => (End(i), i.OkLatency.P50Ms))]),
            new ChartSeries("p95", "#ef6c00", [.. intervals.Select(i => (End(i), i.OkLatency.P95Ms))]),
            new ChartSeries("p99", "#c62828", [.. intervals.Select(i => (End(i), i.OkLatency.P99Ms))]),
            new ChartSeries("p99.9", "#6a1b9a", [.. intervals.Select(i => (End(i), i.OkLatency.P999Ms))]),
        ]));
        html.Append(HtmlPage.Table(
            ["step", "ok", "fail", "rps", "fail %", "min", "mean", "p50", "p75", "p95", "p99", "p99.9", "max", "stddev"],
            new[] { scenario.Global }.Concat(scenario.Steps).Select(s => StepRow(s, ReferenceEquals(s, scenario.Global) ? "global" : s.Name))));
        var codes = scenario.Global.StatusCodes.Select(c => (IReadOnlyList<string>)["status", c.Name, N(c.Count)])
            .Concat(scenario.Global.ErrorKinds.Select(e => (IReadOnlyList<string>)["error", e.Name, N(e.Count)])).ToList();
        if (codes.Count > 0)
        {
            html.Append(HtmlPage.Table(["kind", "code", "count"], codes));
        }

        html.Append(HtmlPage.Table(["interval", "start (s)", "ok", "fail", "rps", "p50", "p99", "max concurrency", "copies", "late starts"],
            intervals.Select(i =>
            {
                var load = scenario.Load.FirstOrDefault(l => l.Index == i.Index);
                return (IReadOnlyList<string>)[N(i.Index), D(i.StartSeconds), N(i.OkCount), N(i.FailCount), D(i.Rps),
                    D(i.OkLatency.P50Ms), D(i.OkLatency.P99Ms), N(load?.MaxConcurrency ?? 0), N(load?.Copies ?? 0), N(load?.LateStarts ?? 0)];
            })));
        return html.Append("</section>").ToString();
    }

    private static IReadOnlyList<string> StepRow(StepResult s, string name)
    {
        var l = s.Ok.Latency;
        return [name, N(s.Ok.Count), N(s.Fail.Count), D(s.Rps), D(s.FailPercent), D(l.MinMs), D(l.MeanMs), D(l.P50Ms),
            D(l.P75Ms), D(l.P95Ms), D(l.P99Ms), D(l.P999Ms), D(l.MaxMs), D(l.StdDevMs)];
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
