using Actors.Load.Engine;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Actors.Load.Reports.Csv;
using Actors.Load.Reports.Json;
using Actors.Load.Reports.Raw;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;

namespace Actors.Load.Tests;

public sealed partial class ReportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "actors_load_reports_" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<RunResult> RunWithReports()
    {
        var scenario = Scenario.Create("card_authorization", async context =>
            {
                await Task.Yield();
                return context.InvocationNumber % 10 == 0
                    ? Response.Fail("declined", "insufficient funds")
                    : Response.Ok("200", sizeBytes: 64);
            })
            .WithThresholds("p99<5s,fail<50%")
            .WithLoadSimulations(Simulation.Inject(10, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(600)));
        return await LoadRunner.RegisterScenarios(scenario).WithoutConsole().WithReportFolder(_folder)
            .WithReportingInterval(TimeSpan.FromMilliseconds(200)).WithRunName("report_test").RunAsync();
    }

    [Fact]
    public async Task A_run_writes_every_report_and_the_raw_histograms_into_its_own_folder()
    {
        var result = await RunWithReports();

        Assert.NotNull(result.ReportFolder);
        Assert.StartsWith(Path.GetFullPath(_folder), result.ReportFolder, StringComparison.Ordinal);
        foreach (var file in new[] { "report.html", "report.md", "report.csv", "report.txt", "report.json", RawRunStore.FileName, RawRunStore.LogFileName })
        {
            Assert.True(new FileInfo(Path.Combine(result.ReportFolder, file)).Length > 0, $"{file} missing or empty");
        }

        Assert.Equal(120, result.Scenario("card_authorization").OkCount + result.Scenario("card_authorization").FailCount);
        Assert.Equal(12, result.Scenario("card_authorization").FailCount);
        Assert.Contains(result.Scenario("card_authorization").Global.StatusCodes, c => c.Name == "declined" && c.Count == 12);
        Assert.True(result.AllThresholdsPassed);
    }

    [Fact]
    public async Task Html_report_is_well_formed_self_contained_and_has_charts_and_tables()
    {
        var result = await RunWithReports();
        var html = await File.ReadAllTextAsync(Path.Combine(result.ReportFolder!, "report.html"));

        var document = XDocument.Parse(html.Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal));
        var svgs = document.Descendants().Where(e => e.Name.LocalName == "svg").ToList();
        Assert.True(svgs.Count >= 2, "expected RPS and latency charts");
        Assert.Contains(svgs.SelectMany(s => s.Descendants()), e => e.Name.LocalName == "polyline");
        Assert.True(document.Descendants("table").Count() >= 2);
        Assert.Contains("card_authorization", html, StringComparison.Ordinal);
        Assert.Contains("p99&lt;5s", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        var urls = Url().Matches(html).Select(m => m.Value).Distinct().ToList();
        Assert.Equal(["http://www.w3.org/2000/svg"], urls); // the SVG namespace name is not fetched
    }

    [Fact]
    public async Task Csv_report_has_its_header_columns_and_one_total_row_per_step_and_measure()
    {
        var result = await RunWithReports();
        var lines = await File.ReadAllLinesAsync(Path.Combine(result.ReportFolder!, "report.csv"));

        Assert.Equal(string.Join(',', CsvReportWriter.Columns), lines[0]);
        Assert.Contains("p99_ms", CsvReportWriter.Columns);
        var latency = lines.Skip(1).TakeWhile(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        Assert.All(latency, l => Assert.Equal(CsvReportWriter.Columns.Count, l.Length));
        var totals = latency.Where(l => l[0] == "card_authorization" && l[1] == "global" && l[2] == "total").Select(l => l[^2]).ToList();
        Assert.Equal(["response", "response_fail", "service", "wait"], totals);
    }

    [Fact]
    public async Task Json_report_round_trips()
    {
        var result = await RunWithReports();
        var json = await File.ReadAllTextAsync(Path.Combine(result.ReportFolder!, "report.json"));

        var read = JsonReportWriter.Read(json);

        Assert.Equal(json, JsonReportWriter.Serialize(read));
        Assert.Equal(result.Scenario("card_authorization").Global.Ok.Latency, read.Scenario("card_authorization").Global.Ok.Latency);
    }

    [Fact]
    public async Task Text_and_markdown_reports_show_statistics_and_threshold_verdicts()
    {
        var result = await RunWithReports();
        var text = await File.ReadAllTextAsync(Path.Combine(result.ReportFolder!, "report.txt"));
        var md = await File.ReadAllTextAsync(Path.Combine(result.ReportFolder!, "report.md"));

        Assert.Contains("scenario: card_authorization", text, StringComparison.Ordinal);
        Assert.Contains("p99<5s passed", text, StringComparison.Ordinal);
        Assert.Contains("error declined: 12", text, StringComparison.Ordinal);
        Assert.Contains("| global |", md, StringComparison.Ordinal);
        Assert.Contains("`fail<50%`", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saved_raw_histograms_reproduce_the_reported_statistics()
    {
        var result = await RunWithReports();

        var reloaded = ResultBuilder.Build(RawRunStore.Load(result.ReportFolder!));

        Assert.Equal(result.Scenario("card_authorization").Global.Ok.Latency, reloaded.Scenario("card_authorization").Global.Ok.Latency);
        Assert.Equal(result.Scenario("card_authorization").Global.Intervals.Count, reloaded.Scenario("card_authorization").Global.Intervals.Count);
    }

    [GeneratedRegex("https?://[^\"' <>]+")]
    private static partial Regex Url();
}
