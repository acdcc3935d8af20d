using System.Globalization;
using System.Xml.Linq;
using Actors.Load.Reports.Csv;
using Actors.Load.Reports.Html;
using Actors.Load.Reports.Json;
using Actors.Load.Reports.Markdown;
using Actors.Load.Reports.Text;
using Actors.Load.Statistics;

namespace Actors.Load.Tests;

/// <summary>What each report shows, checked on a run built from known samples (RawRuns.Detailed).</summary>
public sealed class ReportContentTests
{
    private static readonly RunResult Result = ResultBuilder.Build(RawRuns.Detailed());

    private static readonly double[] NiceMantissas = [1, 2, 5];

    private static XDocument Html() =>
        XDocument.Parse(HtmlReportWriter.Render(Result).Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal));

    private static XElement Chart(XDocument document, string kind) =>
        document.Descendants().First(e => e.Name.LocalName == "svg" && ((string?)e.Attribute("class") ?? "").Split(' ').Contains("chart-" + kind));

    private static IEnumerable<XElement> Named(XElement element, string localName) =>
        element.Descendants().Where(e => e.Name.LocalName == localName);

    private static List<(double X, double Y)> Points(XElement chart, string series) =>
        [.. Named(chart, "polyline").Single(p => (string?)p.Attribute("data-series") == series).Attribute("points")!.Value
            .Split(' ').Select(p => p.Split(',')).Select(p => (Double(p[0]), Double(p[1])))];

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static XElement Threshold(XElement chart, string text) =>
        Named(chart, "line").Single(l => (string?)l.Attribute("class") == "threshold" && ((string?)l.Attribute("data-threshold") ?? "").StartsWith(text + " ", StringComparison.Ordinal));

    // The y of a value on a chart's axis, from the tick labels around it (labels sit 3.5 below their grid line).
    private static double AxisY(XElement chart, double below, double above, double value)
    {
        double Tick(double v) => Double(Named(chart, "text").First(t => (string?)t.Attribute("text-anchor") == "end" && t.Value == v.ToString(CultureInfo.InvariantCulture)).Attribute("y")!.Value) - 3.5;
        return Tick(below) + ((Tick(above) - Tick(below)) * (value - below) / (above - below));
    }

    [Fact]
    public void Html_report_parses_as_xml_and_opens_with_the_environment_block()
    {
        var document = Html();

        var environment = document.Descendants("section").Single(s => (string?)s.Attribute("id") == "environment");
        var cells = environment.Descendants("td").Select(td => td.Value).ToList();
        Assert.Contains("bench-01", cells);
        Assert.Contains("8", cells);
        Assert.Contains(".NET 10.0.0 X64", cells);
        Assert.Contains("Release", cells);
        Assert.Contains("yes", cells); // server GC
        Assert.Contains("loadtests run --rate 100", cells);
        Assert.Contains("0123456789abcdef0123456789abcdef01234567", cells);
        Assert.Contains(document.Descendants("p"), p => p.Value.Contains("reporting interval 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_report_has_a_table_per_step_with_response_service_and_wait_rows_bytes_and_code_shares()
    {
        var document = Html();

        var stepTables = document.Descendants("table").Where(t => (string?)t.Attribute("class") == "step").ToList();
        Assert.Equal(2, stepTables.Count); // global and the named step
        foreach (var table in stepTables)
        {
            var measures = table.Descendants("tr").Skip(1).Select(r => r.Elements("td").First().Value).ToList();
            Assert.Equal(["response (ok)", "response (fail)", "service (ok)", "wait (all)"], measures);
        }

        var globalRows = stepTables[0].Descendants("tr").Skip(1).Select(r => r.Elements("td").Select(td => td.Value).ToList()).ToList();
        Assert.Equal("301", globalRows[0][1]); // ok requests
        Assert.Equal("307", globalRows[3][1]); // wait covers every request
        Assert.Contains(document.Descendants("h3"), h => h.Value == "Step authorize");

        var bytes = document.Descendants("table").First(t => (string?)t.Attribute("class") == "bytes").Descendants("td").Select(td => td.Value).ToList();
        Assert.Equal(["19264", "96", "19360", "0.006"], bytes); // 301 x 64 B, 6 x 16 B over 3.003 s

        var codes = document.Descendants("table").First(t => (string?)t.Attribute("class") == "codes").Descendants("tr").Skip(1)
            .Select(r => string.Join('|', r.Elements("td").Select(td => td.Value))).ToList();
        Assert.Contains("status|503|6|1.954", codes); // 6 of 307 requests
        Assert.Contains("error|timeout|6|1.954", codes);
    }

    [Fact]
    public void Html_report_draws_the_latency_distribution_on_a_log_percentile_axis()
    {
        var chart = Chart(Html(), "distribution");

        var labels = Named(chart, "text").Select(t => t.Value).ToList();
        foreach (var tick in new[] { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%" })
        {
            Assert.Contains(tick, labels);
        }

        var response = Points(chart, "response");
        Assert.Equal(ResultBuilder.SpectrumPercentiles.Count, response.Count);
        Assert.NotEmpty(Points(chart, "service"));
        Assert.NotEmpty(Points(chart, "wait"));
        // Log scale: 90 %, 99 % and 99.9 % are evenly apart (indexes in SpectrumPercentiles: 5, 8, 10).
        Assert.Equal(response[8].X - response[5].X, response[10].X - response[8].X, 0.15);
        Assert.True(response[^1].Y < response[0].Y, "the max (100 %) sits higher than the min on the chart");
    }

    [Fact]
    public void Html_report_draws_threshold_line_on_latency_chart()
    {
        var document = Html();
        var latency = Chart(document, "latency");

        var p99 = Threshold(latency, "p99<50ms");
        var service = Threshold(latency, "service.p99<40ms");
        Threshold(latency, "wait.p99<1ms");

        Assert.Equal("7 4", (string?)p99.Attribute("stroke-dasharray"));
        Assert.Equal(AxisY(latency, 40, 60, 50), Double(p99.Attribute("y1")!.Value), 0.2);
        Assert.Equal(AxisY(latency, 40, 60, 40), Double(service.Attribute("y1")!.Value), 0.2);
        Assert.Contains(Named(latency, "text"), t => t.Value.Contains("p99<50ms breached", StringComparison.Ordinal));
        Assert.Equal(["response p50", "response p99", "service p99", "wait p99"],
            Named(latency, "polyline").Select(p => (string?)p.Attribute("data-series")));

        var distribution = Chart(document, "distribution");
        Threshold(distribution, "p99<50ms");
        Threshold(distribution, "service.p99<40ms");
        var rps = Chart(document, "rps");
        Assert.Contains(Named(rps, "line"), l => (string?)l.Attribute("data-threshold") == "rps>=90");
        Assert.DoesNotContain(Named(rps, "line"), l => ((string?)l.Attribute("data-threshold") ?? "").StartsWith("p99", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_report_leaves_the_trailing_fragment_out_of_rate_charts_but_lists_it()
    {
        var document = Html();
        var rps = Chart(document, "rps");

        var all = Points(rps, "all");
        Assert.Equal(3, all.Count); // intervals 0..2; the 3 ms interval 3 is not drawn
        var baseline = Named(rps, "line").Where(l => (string?)l.Attribute("stroke") == "#333").Max(l => Double(l.Attribute("y1")!.Value));
        Assert.All(all, p => Assert.True(p.Y < baseline - 50, "no point drops to the floor"));
        Assert.Equal(3, Points(Chart(document, "load"), "achieved rate").Count);
        Assert.Equal(3, Points(Chart(document, "generator"), "GC pause (ms)").Count);

        var intervals = document.Descendants("table").First(t => (string?)t.Attribute("class") == "intervals");
        Assert.Equal(4, intervals.Descendants("tr").Count() - 1);
        Assert.Contains(document.Descendants("p"), p => p.Value.Contains("interval 3 (0.003 s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_report_has_the_load_chart_with_intended_and_achieved_rate_and_concurrency()
    {
        var load = Chart(Html(), "load");

        var intended = Points(load, "intended rate");
        var achieved = Points(load, "achieved rate");
        Assert.Equal(3, intended.Count);
        Assert.Equal(intended.Select(p => p.X), achieved.Select(p => p.X));
        // Interval 2 intended 104 starts (100 ok + 4 failed) and achieved as many: both lines meet there.
        Assert.Equal(intended[2].Y, achieved[2].Y, 0.01);
        Assert.NotEmpty(Points(load, "max concurrency"));
        Assert.NotEmpty(Points(load, "late starts/s"));
    }

    [Fact]
    public void Html_report_has_the_generator_chart_of_gc_pauses_cpu_and_thread_pool_queue()
    {
        var document = Html();
        var generator = Chart(document, "generator");

        var gc = Points(generator, "GC pause (ms)");
        var cpu = Points(generator, "CPU (% of all cores)");
        var queue = Points(generator, "thread-pool queue");
        Assert.Equal(3, gc.Count);
        Assert.True(gc[2].Y < gc[1].Y, "the 35 ms pause of interval 2 stands out above the 1 ms ones");
        Assert.True(cpu[2].Y < cpu[0].Y, "CPU rises from 20 % to 40 %");
        Assert.True(queue[2].Y < queue[1].Y);
        Assert.Contains(document.Descendants("table"), t => (string?)t.Attribute("class") == "process");
    }

    [Fact]
    public void Html_report_states_attribution_and_pacer_beside_the_thresholds()
    {
        var thresholds = Html().Descendants("section").Single(s => (string?)s.Attribute("id") == "thresholds");

        var why = thresholds.Descendants("li").Select(li => li.Value).ToList();
        Assert.Equal(Result.Attribution, why);
        Assert.Contains(why, w => w.Contains("p99<50ms breached", StringComparison.Ordinal) && w.Contains("GC pauses", StringComparison.Ordinal));
        Assert.Contains(thresholds.Descendants("p"), p => p.Value.Contains("pacer: precise", StringComparison.Ordinal) && p.Value.Contains("5 % of one core (0.15 s CPU)", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_chart_ticks_are_nice_values_spaced_apart_and_the_chart_fills_the_width()
    {
        var series = new ChartSeries("rps", "#000", [.. Enumerable.Range(1, 3600).Select(s => ((double)s, 1000.0 + (s % 700)))]);
        var svg = XElement.Parse(SvgLineChart.Render("long run", "time (s)", "requests/s", [series], new ChartOptions { XAxis = ChartXAxis.Seconds }));

        Assert.Equal("100%", (string?)svg.Attribute("width"));
        Assert.NotNull(svg.Attribute("viewBox"));
        var xTicks = Named(svg, "text").Where(t => (string?)t.Attribute("text-anchor") == "middle" && t.Attribute("transform") is null && t.Value != "time (s)").ToList();
        var values = xTicks.Select(t => Double(t.Value)).ToList();
        var step = values[1] - values[0];
        Assert.Contains(step / Math.Pow(10, Math.Floor(Math.Log10(step))), NiceMantissas);
        Assert.All(values, v => Assert.Equal(0, v % step));
        var xs = xTicks.Select(t => Double(t.Attribute("x")!.Value)).ToList();
        Assert.All(xs.Zip(xs.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= 4 * 10 * 0.6, $"labels {gap} apart overlap"));
        var yTicks = Named(svg, "text").Where(t => (string?)t.Attribute("text-anchor") == "end" && t.Attribute("class") is null).Select(t => t.Value).ToList();
        Assert.Contains("1k", yTicks);
        Assert.Contains("1.5k", yTicks);
    }

    [Fact]
    public void Chart_tick_labels_abbreviate_thousands_and_millions_without_float_noise()
    {
        Assert.Equal("1.5k", SvgLineChart.TickLabel(1500, 500));
        Assert.Equal("2M", SvgLineChart.TickLabel(2_000_000, 1_000_000));
        Assert.Equal("0.3", SvgLineChart.TickLabel(0.1 + 0.2, 0.1));
        Assert.Equal("0.25", SvgLineChart.TickLabel(0.25, 0.05));
        Assert.Equal((20, 100), SvgLineChart.NiceScale(85, 8));
        Assert.Equal(3, SvgLineChart.PercentileToAxis(99.9), 9);
        Assert.Equal(5, SvgLineChart.PercentileToAxis(100));
    }

    [Fact]
    public void Markdown_report_has_environment_service_and_wait_rows_code_shares_pacer_attribution_and_process()
    {
        var md = MarkdownReportWriter.Render(Result);

        Assert.Contains("| machine | bench-01 |", md, StringComparison.Ordinal);
        Assert.Contains("| git commit | 0123456789abcdef0123456789abcdef01234567 |", md, StringComparison.Ordinal);
        Assert.Contains("| global | response (ok) | 301 |", md, StringComparison.Ordinal);
        Assert.Contains("| global | service (ok) | 301 |", md, StringComparison.Ordinal);
        Assert.Contains("| global | wait (all) | 307 |", md, StringComparison.Ordinal);
        Assert.Contains("| authorize | service (ok) | 301 |", md, StringComparison.Ordinal);
        Assert.Contains("| global | status | `503` | 6 | 1.954 |", md, StringComparison.Ordinal);
        Assert.Contains("| global | 19264 | 96 | 19360 | 0.006 |", md, StringComparison.Ordinal);
        Assert.Contains("Pacer: precise", md, StringComparison.Ordinal);
        Assert.Contains("- " + Result.Attribution[0], md, StringComparison.Ordinal);
        Assert.Contains("## Generator process", md, StringComparison.Ordinal);
        Assert.Contains("| 1/1 | 2 | 2 | 1 | 35 | 3 | 1 | 1 | 50 | 40 | 12 | 40 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_report_has_environment_service_and_wait_rows_code_shares_pacer_attribution_and_process()
    {
        var text = TextReportWriter.Render(Result);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Contains(lines, l => l.Trim() == "machine:        bench-01");
        Assert.Contains(lines, l => l.TrimStart().StartsWith("global", StringComparison.Ordinal) && l.Contains("service (ok)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("authorize", StringComparison.Ordinal) && l.Contains("wait (all)", StringComparison.Ordinal));
        Assert.Contains("status 503: 6 (1.954 %)", text, StringComparison.Ordinal);
        Assert.Contains("bytes global: ok 19264, fail 96, 0.006 MB/s", text, StringComparison.Ordinal);
        Assert.Contains("pacer: precise", text, StringComparison.Ordinal);
        Assert.Contains("why: " + Result.Attribution[0], text, StringComparison.Ordinal);
        Assert.Contains("generator process:", text, StringComparison.Ordinal);
        Assert.Equal(4, lines.Count(l => l.TrimStart().StartsWith("1/1 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Csv_report_has_one_header_per_section_and_service_and_wait_rows()
    {
        var csv = CsvReportWriter.Render(Result);
        var sections = csv.Split(["\n\n", "\r\n\r\n"], StringSplitOptions.RemoveEmptyEntries)
            .Select(b => b.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList()).ToList();

        Assert.Equal(string.Join(',', CsvReportWriter.Columns), sections[0][0]);
        Assert.All(sections[0].Skip(1).Select(Cells), r => Assert.Equal(CsvReportWriter.Columns.Count, r.Count));
        var names = new List<string>();
        foreach (var section in sections.Skip(1))
        {
            var header = section[0].Split(',');
            Assert.Equal("section", header[0]);
            var rows = section.Skip(1).Select(Cells).ToList();
            Assert.All(rows, r => Assert.Equal(header.Length, r.Count));
            names.AddRange(rows.Select(r => r[0]).Distinct());
            Assert.True(rows.Select(r => r[0]).Distinct().Count() <= 1, "one section per block");
        }

        Assert.Equal(["bytes", "codes", "scenario", "load", "threshold", "attribution", "environment", "process"], names);
        var column = CsvReportWriter.Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var latency = sections[0].Skip(1).Select(Cells).ToList();
        var service = latency.Single(r => r[column["scenario"]] == RawRuns.DetailedScenario && r[column["step"]] == "global"
            && r[column["measure"]] == "service" && r[column["interval"]] == "total");
        Assert.Equal("301", service[column["count"]]);
        Assert.Equal(Result.Scenarios[0].Global.Service.P99Ms.ToString("0.###", CultureInfo.InvariantCulture), service[column["p99_ms"]]);
        Assert.Single(latency, r => r[column["step"]] == "authorize" && r[column["measure"]] == "wait" && r[column["interval"]] == "total");
        Assert.Equal(4, latency.Count(r => r[column["step"]] == "global" && r[column["measure"]] == "wait" && r[column["interval"]] != "total"));
        Assert.Equal("307", latency.Single(r => r[column["step"]] == "global" && r[column["measure"]] == "wait" && r[column["interval"]] == "total")[column["count"]]);
        var environment = sections.Single(s => s[0].StartsWith("section,machine", StringComparison.Ordinal));
        Assert.Equal("environment,bench-01,8,Linux 6.8,.NET 10.0.0 X64,Actors.LoadTests 1.2.3+abc,Release,true,loadtests run --rate 100,0123456789abcdef0123456789abcdef01234567", environment[1]);
    }

    // Splits one CSV row, honouring quoted cells (RFC 4180).
    private static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (quoted && c == '"' && i + 1 < row.Length && row[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    [Fact]
    public void Json_report_round_trips_the_three_times_environment_process_and_attribution()
    {
        var json = JsonReportWriter.Serialize(Result);

        var read = JsonReportWriter.Read(json);

        Assert.Equal(json, JsonReportWriter.Serialize(read));
        var (before, after) = (Result.Scenarios[0], read.Scenarios[0]);
        Assert.Equal(before.Global.Ok.Latency, after.Global.Ok.Latency);
        Assert.Equal(before.Global.Service, after.Global.Service);
        Assert.Equal(before.Global.Wait, after.Global.Wait);
        Assert.NotEqual(0, after.Global.Wait.Count);
        Assert.Equal(before.Global.Distribution, after.Global.Distribution);
        Assert.Equal(before.Steps[0].Service, after.Steps[0].Service);
        Assert.Equal(before.Global.Intervals.Select(i => (i.ServiceLatency, i.WaitLatency)), after.Global.Intervals.Select(i => (i.ServiceLatency, i.WaitLatency)));
        Assert.Equal(before.Load, after.Load);
        Assert.Equal(Result.Environment, read.Environment);
        Assert.Equal(Result.Process, read.Process);
        Assert.Equal(Result.Attribution, read.Attribution);
        Assert.Equal((before.Pacer, before.PacerCpuSeconds, before.PacerCpuPercentOfCore), (after.Pacer, after.PacerCpuSeconds, after.PacerCpuPercentOfCore));
        Assert.Equal(Result.Thresholds, read.Thresholds);
    }

    [Fact]
    public void Detailed_run_breaches_the_latency_thresholds_it_is_built_to_breach()
    {
        // Guards the fixture the report tests read: three latency thresholds broken, the rps one held.
        Assert.Equal(["p99<50ms", "service.p99<40ms", "wait.p99<1ms"], Result.Thresholds.Where(t => !t.Passed).Select(t => t.Threshold));
        Assert.Contains(Result.Thresholds, t => t.Threshold == "rps>=90" && t.Passed);
        Assert.Equal(3, Result.Attribution.Count);
    }
}
