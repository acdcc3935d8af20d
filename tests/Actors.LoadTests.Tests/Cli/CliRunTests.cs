using System.Text.Json;
using Actors.Load;
using Actors.Load.Reports.Csv;
using Actors.Load.Reports.Json;
using Actors.Load.Statistics;
using Actors.LoadTests.Scenarios;
using Actors.LoadTests.Tests.Support;

namespace Actors.LoadTests.Tests.Cli;

/// <summary>
/// Real runs of the command line, in-process: each <c>run</c> starts its own embedded silo, as a user's
/// would, so they are few and short (ping at 200/s for one second, no warm-up).
/// </summary>
public sealed class CliRunTests
{
    private static readonly string[] ReportFiles =
        ["report.html", "report.md", "report.csv", "report.txt", "report.json", "histograms.json", "histograms.hlog"];

    [Fact]
    public async Task Short_ping_run_exits_0_and_writes_every_report_format()
    {
        using var reports = new TempFolder();

        var result = await CliRun.RunAsync(PingRun(reports.Path));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var folder = Assert.Single(Directory.GetDirectories(reports.Path));
        Assert.Contains(folder, result.Output, StringComparison.Ordinal);
        foreach (var file in ReportFiles)
        {
            Assert.True(new FileInfo(Path.Combine(folder, file)).Length > 0, $"{file} missing or empty in {folder}");
        }

        var ping = ReadReport(folder).Scenario(OrleansScenarios.Ping);
        Assert.True(ping.OkCount > 0 && ping.FailCount == 0, $"ping: ok {ping.OkCount}, fail {ping.FailCount}");
        var csv = await File.ReadAllLinesAsync(Path.Combine(folder, "report.csv"));
        Assert.Equal(string.Join(',', CsvReportWriter.Columns), csv[0]);
        Assert.Contains(csv, line => line.StartsWith("ping,global,", StringComparison.Ordinal));
        using var histograms = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "histograms.json")));
        Assert.Equal(JsonValueKind.Object, histograms.RootElement.ValueKind);
        Assert.Contains("<html", await File.ReadAllTextAsync(Path.Combine(folder, "report.html")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Impossible_threshold_exits_1_and_says_it_was_breached()
    {
        using var reports = new TempFolder();

        var result = await CliRun.RunAsync([.. PingRun(reports.Path), "--threshold", "p99<0.001ms"]);

        Assert.True(result.ExitCode == ExitCodes.ThresholdBreached, result.ToString());
        Assert.Contains("BREACHED", result.Output, StringComparison.Ordinal);
        var report = ReadReport(Assert.Single(Directory.GetDirectories(reports.Path)));
        Assert.False(report.AllThresholdsPassed);
    }

    [Fact]
    public async Task Merge_of_two_agents_runs_exits_0_and_its_counts_are_the_sums()
    {
        using var reports = new TempFolder();
        var first = await CliRun.RunAsync([.. PingRun(reports.Sub("agents")), "--agent", "1/2"]);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        var second = await CliRun.RunAsync([.. PingRun(reports.Sub("agents")), "--agent", "2/2"]);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        var folders = Directory.GetDirectories(reports.Sub("agents")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, folders.Length);

        var merge = await CliRun.RunAsync(["merge", .. folders, "--out", reports.Sub("merged")]);

        Assert.True(merge.ExitCode == ExitCodes.Ok, merge.ToString());
        var parts = folders.Select(f => ReadReport(f).Scenario(OrleansScenarios.Ping)).ToArray();
        var merged = ReadReport(reports.Sub("merged"));
        var total = merged.Scenario(OrleansScenarios.Ping);
        Assert.Equal(2, merged.Agents.Count);
        Assert.Equal(parts.Sum(p => p.OkCount), total.OkCount);
        Assert.Equal(parts.Sum(p => p.FailCount), total.FailCount);
        Assert.Equal(parts.Max(p => p.Global.Ok.Latency.MaxMs), total.Global.Ok.Latency.MaxMs);
        Assert.Equal(parts.Min(p => p.Global.Ok.Latency.MinMs), total.Global.Ok.Latency.MinMs);
        foreach (var file in ReportFiles)
        {
            Assert.True(File.Exists(Path.Combine(reports.Sub("merged"), file)), $"merged {file} missing");
        }
    }

    [Fact]
    public async Task Silo_settings_reach_the_embedded_silo()
    {
        using var reports = new TempFolder();

        var result = await CliRun.RunAsync([.. PingRun(reports.Path), "--silo-setting", "Actors:Silo:Storage=Memory", "--silo-setting", "Actors:Notifications:Transport=Stream"]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("in-process, Memory storage", result.Output, StringComparison.Ordinal); // the embedded default is ProcessMemory
    }

    private static string[] PingRun(string reportDir) =>
        ["run", "--scenario", OrleansScenarios.Ping, "--rate", "200", "--duration", "1s", "--warm-up", "0", "--no-console", "--report-dir", reportDir];

    private static RunResult ReadReport(string folder) =>
        JsonReportWriter.Read(File.ReadAllText(Path.Combine(folder, "report.json")));
}
