using System.Globalization;
using System.Text;
using Actors.Load.Statistics;
using Actors.Load.Thresholds;
using static Actors.Load.Reports.ReportFacts;

namespace Actors.Load.Reports.Html;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG, no script): environment, thresholds with their
/// attribution, and per scenario the statistics of every step (response, service and wait time, bytes, status codes
/// and errors), charts over time (requests/s, latency percentiles, intended vs achieved load, concurrency), the
/// HdrHistogram percentile distribution, and the generator's own process (GC pauses, CPU, thread-pool queue).
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    private const string ResponseColor = "#1565c0";
    private const string ResponseTailColor = "#c62828";
    private const string ServiceColor = "#2e7d32";
    private const string WaitColor = "#ef6c00";
    private const string PassedLineColor = "#555555";
    private const string BreachedLineColor = "#b00020";

    private static readonly string[] Palette = ["#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#ad1457"];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public ReportFormat Format => ReportFormat.Html;

    public string FileName => "report.html";

    public void Write(RunResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(result));

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var body = new StringBuilder();
        body.Append(C, $"<h1>Load run {HtmlPage.E(result.RunId)}</h1>");
        body.Append(C, $"<p class=\"run\">Started {result.StartedUtc:u}, duration {result.DurationSeconds:0.##} s, agents {HtmlPage.E(string.Join(", ", result.Agents))}, reporting interval {result.ReportingIntervalSeconds:0.##} s, {result.Scenarios.Count} scenario(s).</p>");
        body.Append(Environment(result.Environment));
        body.Append(Thresholds(result));
        foreach (var scenario in result.Scenarios)
        {
            body.Append(Scenario(result, scenario));
        }

        body.Append(Generator(result));
        body.Append("<p class=\"note\">Times in milliseconds. Response time runs from each request's intended start to its end (open model: no coordinated omission), service time from its actual start to its end, wait time from the intended to the actual start (the generator's own lag). Response and service cover successful requests, wait every request.</p>");
        return HtmlPage.Wrap($"Load run {result.RunId}", body.ToString());
    }

    private static string Environment(RunEnvironment? environment)
    {
        var html = new StringBuilder("<section id=\"environment\"><h2>Environment</h2>");
        if (environment is null)
        {
            return html.Append(C, $"<p>Environment {NoEnvironment}.</p></section>").ToString();
        }

        html.Append(HtmlPage.Table(["property", "value"], ReportFacts.Environment(environment).Select(p => (IReadOnlyList<string>)[p.Key, p.Value]), "kv"));
        return html.Append("</section>").ToString();
    }

    private static string Thresholds(RunResult result)
    {
        var pacers = result.Scenarios.Select(s => (s.Name, Line: PacerLine(s))).Where(p => p.Line is not null).ToList();
        if (result.Thresholds.Count == 0 && result.Attribution.Count == 0 && pacers.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<section id=\"thresholds\"><h2>Thresholds</h2>");
        if (result.Thresholds.Count > 0)
        {
            html.Append(C, $"<p class=\"{(result.AllThresholdsPassed ? "pass" : "fail")}\">{(result.AllThresholdsPassed ? "All thresholds passed" : "Threshold breached")}</p>");
            html.Append(HtmlPage.Table(["scenario", "threshold", "actual", "verdict"], result.Thresholds.Select(t =>
                (IReadOnlyList<string>)[t.Scenario, t.Threshold, $"{D(t.Actual)} {t.Unit}", t.Passed ? "passed" : "BREACHED"])));
        }
        else
        {
            html.Append("<p>No thresholds were set.</p>");
        }

        if (result.Attribution.Count > 0)
        {
            html.Append("<h3>Why thresholds broke</h3><ul class=\"attribution\">");
            foreach (var sentence in result.Attribution)
            {
                html.Append("<li>").Append(HtmlPage.E(sentence)).Append("</li>");
            }

            html.Append("</ul>");
        }

        foreach (var (name, line) in pacers)
        {
            html.Append(C, $"<p class=\"pacer\">[{HtmlPage.E(name)}] {HtmlPage.E(line!)}</p>");
        }

        return html.Append("</section>").ToString();
    }

    private static string Scenario(RunResult result, ScenarioResult scenario)
    {
        var html = new StringBuilder("<section class=\"scenario\">");
        html.Append(C, $"<h2>Scenario {HtmlPage.E(scenario.Name)}</h2>");
        html.Append(C, $"<p>Load: {HtmlPage.E(string.Join(", then ", scenario.Simulations))}. {HtmlPage.E(scenario.Lag.Summary)}.{(PacerLine(scenario) is { } pacer ? " " + HtmlPage.E(char.ToUpperInvariant(pacer[0]) + pacer[1..]) + "." : "")}</p>");

        foreach (var (name, step) in Steps(scenario))
        {
            html.Append(StepTables(scenario, name, step));
        }

        var lines = ThresholdLines(result, scenario);
        var interval = result.ReportingIntervalSeconds;
        var charted = Charted(scenario.Global.Intervals, i => i.DurationSeconds, interval);
        var time = new ChartOptions { XAxis = ChartXAxis.Seconds, XMin = 0, XMax = Math.Max(scenario.DurationSeconds, 1e-3) };
        html.Append("<h3>Charts</h3>");
        html.Append(SvgLineChart.Render("Requests per second", "time (s)", "requests/s",
        [
            new ChartSeries("all", "#424242", [.. charted.Select(i => (Mid(i), (i.OkCount + i.FailCount) / Span(i.DurationSeconds)))]),
            new ChartSeries("ok", ServiceColor, [.. charted.Select(i => (Mid(i), i.OkCount / Span(i.DurationSeconds)))]),
            new ChartSeries("fail", ResponseTailColor, [.. charted.Select(i => (Mid(i), i.FailCount / Span(i.DurationSeconds)))]),
        ], time with { Kind = "rps", Lines = lines.Rps }));
        html.Append(LatencyOverTime(scenario.Global, charted, time with { Lines = lines.Latency }));
        html.Append(Distribution(scenario.Global, lines.Latency));
        html.Append(Load(scenario, interval, lines.Rps, time));
        var fragments = scenario.Global.Intervals.Except(charted).ToList();
        if (fragments.Count > 0)
        {
            html.Append(C, $"<p class=\"note\">Left out of the charts over time (listed in the interval table): {string.Join(", ", fragments.Select(i => string.Create(C, $"interval {i.Index} ({i.DurationSeconds:0.###} s)")))}, shorter than half the reporting interval; drawn per interval, such a fragment would look like a drop to zero.</p>");
        }

        foreach (var step in scenario.Steps)
        {
            html.Append(C, $"<details class=\"step-charts\"><summary>Charts of step {HtmlPage.E(step.Name)}</summary>");
            html.Append(LatencyOverTime(step, Charted(step.Intervals, i => i.DurationSeconds, interval), time));
            html.Append(Distribution(step, []));
            html.Append("</details>");
        }

        html.Append("<h3>Intervals</h3>");
        var load = scenario.Load.ToDictionary(l => l.Index);
        html.Append(HtmlPage.Table(
            ["interval", "start (s)", "duration (s)", "ok", "fail", "rps", "p50", "p99", "service p99", "wait p99", "intended starts", "late starts", "max concurrency", "copies"],
            scenario.Global.Intervals.Select(i =>
            {
                var l = load.GetValueOrDefault(i.Index);
                return (IReadOnlyList<string>)[N(i.Index), D(i.StartSeconds), D(i.DurationSeconds), N(i.OkCount), N(i.FailCount), D(i.Rps),
                    D(i.OkLatency.P50Ms), D(i.OkLatency.P99Ms), D(i.ServiceLatency.P99Ms), D(i.WaitLatency.P99Ms),
                    N(l?.IntendedStarts ?? 0), N(l?.LateStarts ?? 0), N(l?.MaxConcurrency ?? 0), N(l?.Copies ?? 0)];
            }), "intervals"));
        return html.Append("</section>").ToString();
    }

    private static string StepTables(ScenarioResult scenario, string name, StepResult step)
    {
        var html = new StringBuilder();
        html.Append(C, $"<h3 class=\"step\">{(name == "global" ? "Whole invocation (global)" : "Step " + HtmlPage.E(name))}</h3>");
        html.Append(HtmlPage.Table(
            ["measure", "count", "rps", "fail %", "min", "mean", "p50", "p75", "p95", "p99", "p99.9", "max", "stddev"],
            Measures(step, scenario.DurationSeconds).Select(m =>
            {
                var l = m.Latency;
                return (IReadOnlyList<string>)[m.Label, N(m.Count), D(m.Rps), m.FailPercent is { } f ? D(f) : "", D(l.MinMs), D(l.MeanMs),
                    D(l.P50Ms), D(l.P75Ms), D(l.P95Ms), D(l.P99Ms), D(l.P999Ms), D(l.MaxMs), D(l.StdDevMs)];
            }), "step"));
        html.Append(HtmlPage.Table(["ok bytes", "fail bytes", "total bytes", "MB/s"],
            [[N(step.Ok.Bytes), N(step.Fail.Bytes), N(step.Ok.Bytes + step.Fail.Bytes), D(MegabytesPerSecond(step, scenario.DurationSeconds))]], "bytes"));
        var codes = step.StatusCodes.Select(c => (Kind: "status", Entry: c)).Concat(step.ErrorKinds.Select(e => (Kind: "error", Entry: e))).ToList();
        if (codes.Count > 0)
        {
            html.Append(HtmlPage.Table(["kind", "code", "count", "% of requests"],
                codes.Select(c => (IReadOnlyList<string>)[c.Kind, c.Entry.Name, N(c.Entry.Count), D(PercentOfRequests(c.Entry.Count, step))]), "codes"));
        }

        return html.ToString();
    }

    private static string LatencyOverTime(StepResult step, IReadOnlyList<IntervalResult> charted, ChartOptions time)
    {
        // An interval without samples of a measure has no latency: it is skipped rather than drawn as 0 ms.
        List<(double, double)> Points(Func<IntervalResult, LatencyResult> measure, Func<LatencyResult, double> value) =>
            [.. charted.Where(i => Has(measure(i))).Select(i => (Mid(i), value(measure(i))))];

        ChartSeries[] series =
        [
            new ChartSeries("response p50", ResponseColor, Points(i => i.OkLatency, l => l.P50Ms)),
            new ChartSeries("response p99", ResponseTailColor, Points(i => i.OkLatency, l => l.P99Ms)),
            new ChartSeries("service p99", ServiceColor, Points(i => i.ServiceLatency, l => l.P99Ms)),
            new ChartSeries("wait p99", WaitColor, Points(i => i.WaitLatency, l => l.P99Ms)) { Dashed = true },
        ];
        // A measure the run did not record (service and wait in runs of older versions) gets no legend entry either.
        return SvgLineChart.Render($"Latency over time: {step.Name}", "time (s)", "ms", [.. series.Where(s => s.Points.Count > 0)], time with { Kind = "latency" });
    }

    private static string Distribution(StepResult step, IReadOnlyList<ChartLine> lines)
    {
        var series = new List<ChartSeries>();
        if (Has(step.Ok.Latency))
        {
            series.Add(new ChartSeries("response", ResponseColor, [.. step.Distribution.Select(p => (p.Percentile, p.ResponseMs))]));
        }

        if (Has(step.Service))
        {
            series.Add(new ChartSeries("service", ServiceColor, [.. step.Distribution.Select(p => (p.Percentile, p.ServiceMs))]));
        }

        if (Has(step.Wait))
        {
            series.Add(new ChartSeries("wait", WaitColor, [.. step.Distribution.Select(p => (p.Percentile, p.WaitMs))]) { Dashed = true });
        }

        return SvgLineChart.Render($"Latency distribution: {step.Name} (HdrHistogram percentile spectrum)", "percentile", "ms", series,
            new ChartOptions { Kind = "distribution", XAxis = ChartXAxis.Percentile, Lines = lines });
    }

    private static string Load(ScenarioResult scenario, double interval, IReadOnlyList<ChartLine> rpsLines, ChartOptions time)
    {
        var requests = scenario.Global.Intervals.ToDictionary(i => i.Index);
        double Duration(LoadIntervalResult l) => l.DurationSeconds > 0 ? l.DurationSeconds
            : requests.TryGetValue(l.Index, out var i) ? i.DurationSeconds : interval;
        var charted = Charted(scenario.Load, Duration, interval);
        double At(LoadIntervalResult l) => l.StartSeconds + (Duration(l) / 2);

        var rates = new List<ChartSeries>();
        if (scenario.Load.Any(l => l.IntendedStarts > 0))
        {
            rates.Add(new ChartSeries("intended rate", "#757575", [.. charted.Select(l => (At(l), l.IntendedStarts / Span(Duration(l))))]) { Dashed = true });
        }

        rates.Add(new ChartSeries("achieved rate", ServiceColor, [.. charted.Select(l =>
            (At(l), requests.TryGetValue(l.Index, out var i) ? (i.OkCount + i.FailCount) / Span(Duration(l)) : 0))]));
        if (scenario.Load.Any(l => l.LateStarts > 0))
        {
            rates.Add(new ChartSeries("late starts/s", WaitColor, [.. charted.Select(l => (At(l), l.LateStarts / Span(Duration(l))))]));
        }

        var concurrency = new List<ChartSeries>
        {
            new("max concurrency", ResponseColor, [.. charted.Select(l => (At(l), (double)l.MaxConcurrency))]),
        };
        if (scenario.Load.Any(l => l.Copies > 0))
        {
            concurrency.Add(new ChartSeries("copies", "#6a1b9a", [.. charted.Select(l => (At(l), (double)l.Copies))]) { Dashed = true });
        }

        return SvgLineChart.RenderPanels("Load: intended vs achieved rate, concurrency", "time (s)",
        [
            new ChartPanel("requests/s", rates) { Lines = rpsLines },
            new ChartPanel("in flight", concurrency),
        ], time with { Kind = "load" });
    }

    private static string Generator(RunResult result)
    {
        var html = new StringBuilder("<section id=\"generator\"><h2>Generator process</h2>");
        if (result.Process.Count == 0)
        {
            return html.Append("<p>The generator's process was not sampled in this run.</p></section>").ToString();
        }

        html.Append("<p>What the load generator's own process did per reporting interval: a latency spike that coincides with a GC pause, a saturated CPU or a thread-pool backlog here is the generator's, not the system under test's.</p>");
        var agents = result.Process.GroupBy(p => p.Agent).ToList();
        var charted = Charted(result.Process, p => p.DurationSeconds, result.ReportingIntervalSeconds);
        ChartPanel Panel(string label, Func<ProcessIntervalResult, double> value) => new(label, [.. agents.Select((g, n) =>
            new ChartSeries(agents.Count == 1 ? label : $"agent {g.Key}", Palette[n % Palette.Length],
                [.. charted.Where(p => p.Agent == g.Key).OrderBy(p => p.Index).Select(p => (p.StartSeconds + (p.DurationSeconds / 2), value(p)))]))]);
        html.Append(SvgLineChart.RenderPanels("Generator: GC pauses, CPU, thread-pool queue", "time (s)",
        [
            Panel("GC pause (ms)", p => p.GcPauseMs),
            Panel("CPU (% of all cores)", p => p.CpuPercent),
            Panel("thread-pool queue", p => p.ThreadPoolQueueLength),
        ], new ChartOptions { Kind = "generator", XAxis = ChartXAxis.Seconds, XMin = 0, XMax = Math.Max(result.DurationSeconds, 1e-3) }));
        html.Append("<details><summary>Process intervals</summary>");
        html.Append(HtmlPage.Table(
            ["agent", "interval", "start (s)", "duration (s)", "GC pause (ms)", "gen0", "gen1", "gen2", "allocated (MB)", "thread-pool queue", "thread-pool threads", "CPU %"],
            result.Process.Select(p => (IReadOnlyList<string>)[p.Agent, N(p.Index), D(p.StartSeconds), D(p.DurationSeconds), D(p.GcPauseMs),
                N(p.Gen0Collections), N(p.Gen1Collections), N(p.Gen2Collections), D(p.AllocatedBytes / 1e6), N(p.ThreadPoolQueueLength),
                N(p.ThreadPoolThreads), D(p.CpuPercent)]), "process"));
        return html.Append("</details></section>").ToString();
    }

    private sealed record Lines(IReadOnlyList<ChartLine> Latency, IReadOnlyList<ChartLine> Rps);

    // Each threshold is drawn on the charts of what it measures: latency thresholds (of any of the three times) on the
    // latency-over-time and distribution charts, rps thresholds on the request-rate charts. A stddev threshold is not
    // a latency level, and fail thresholds have no chart of their own, so neither is drawn.
    private static Lines ThresholdLines(RunResult result, ScenarioResult scenario)
    {
        var latency = new List<ChartLine>();
        var rps = new List<ChartLine>();
        foreach (var verdict in result.Thresholds.Where(t => t.Scenario == scenario.Name))
        {
            Threshold threshold;
            try
            {
                threshold = ThresholdParser.ParseOne(verdict.Threshold);
            }
            catch (LoadConfigurationException)
            {
                continue; // a hand-edited report.json: the table still shows it
            }

            var line = new ChartLine(verdict.Passed ? verdict.Threshold : verdict.Threshold + " breached", threshold.Value,
                verdict.Passed ? PassedLineColor : BreachedLineColor);
            if (threshold.IsLatency && threshold.Metric != ThresholdMetric.StdDev)
            {
                latency.Add(line);
            }
            else if (threshold.Metric == ThresholdMetric.Rps)
            {
                rps.Add(line);
            }
        }

        return new Lines(latency, rps);
    }

    // See ReportFacts.IsFragment. When every interval is a fragment (a run shorter than half an interval) they are all
    // kept: there is nothing else to draw and no neighbour to mistake a drop against.
    private static List<T> Charted<T>(IReadOnlyList<T> intervals, Func<T, double> duration, double reportingInterval)
    {
        var full = intervals.Where(i => !IsFragment(duration(i), reportingInterval)).ToList();
        return full.Count > 0 ? full : [.. intervals];
    }

    private static bool Has(LatencyResult latency) => latency.Count > 0 || latency.MaxMs > 0;

    // A value over an interval is drawn at the interval's middle: the rate of 0..1 s belongs to 0.5 s, and a short run's
    // first interval does not leave the left of the chart empty.
    private static double Mid(IntervalResult i) => i.StartSeconds + (i.DurationSeconds / 2);

    private static double Span(double seconds) => Math.Max(seconds, 1e-9);
}
