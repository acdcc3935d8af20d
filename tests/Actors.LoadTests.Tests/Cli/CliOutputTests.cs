using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Hosting;
using Actors.Load;
using Actors.LoadTests.Scenarios;
using Actors.LoadTests.Tests.Support;

namespace Actors.LoadTests.Tests.Cli;

/// <summary>
/// What the CLI prints when its output is not a terminal (a pipe, a CI log, a test's buffer): k6-like plain lines, the
/// summary once, no Orleans chatter; and the failures it must report in one line before any load runs.
/// </summary>
public sealed partial class CliOutputTests
{
    private const int DurationSeconds = 3;

    [Fact]
    public async Task Redirected_run_prints_one_plain_line_per_interval_and_the_summary_once()
    {
        using var reports = new TempFolder();

        var result = await CliRun.RunAsync(
            "run", "--scenario", OrleansScenarios.Ping, "--rate", "200", "--duration", $"{DurationSeconds}s", "--interval", "1s",
            "--warm-up", "0", "--users", "100", "--report-dir", reports.Path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.DoesNotMatch(BoxDrawing(), result.Output);
        Assert.DoesNotContain('\u001b', result.All);
        var progress = ProgressLines(result.Output);

        // One per 1 s interval; the engine closes one more, short, interval when the run ends.
        Assert.InRange(progress.Count, 1, DurationSeconds + 1);
        var times = progress.Select(l => l.Split(' ')[1]).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.Single(Lines(result.Output), l => l.StartsWith("Reports: ", StringComparison.Ordinal));
        Assert.Single(Lines(result.Output), l => l.StartsWith("run ", StringComparison.Ordinal));
        AssertNoLibraryLog(result);
        Assert.True(result.Error.Length == 0 && result.Stray.Length == 0, result.ToString());
    }

    [Fact]
    public async Task Run_with_a_gc_log_writes_one_line_per_collection_under_its_header()
    {
        using var reports = new TempFolder();
        var log = reports.Sub("gc.txt");

        // card_authorization seeds a population first, and seeding ends with a full collection: at least one line.
        var result = await CliRun.RunAsync(
            "run", "--scenario", OrleansScenarios.CardAuthorization, "--rate", "100", "--duration", "2s", "--warm-up", "0", "--users", "100",
            "--report-dir", reports.Path, "--gc-log", log); // 2 s: the runtime delivers its GC events to listeners within ~0.1 s

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var lines = await File.ReadAllLinesAsync(log);
        Assert.Equal(Actors.Load.Statistics.GcEventLog.Header, lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Split(' ')[1] == "2"); // the full collection after seeding
        Assert.All(lines.Skip(1), l => Assert.Equal(lines[0].Split(' ').Length, l.Split(' ').Length));
    }

    [Fact]
    public async Task No_console_run_prints_no_progress_but_the_summary_once()
    {
        using var reports = new TempFolder();

        var result = await CliRun.RunAsync(
            "run", "--scenario", OrleansScenarios.Ping, "--rate", "200", "--duration", "1s", "--interval", "1s", "--warm-up", "0",
            "--users", "100", "--no-console", "--report-dir", reports.Path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Empty(ProgressLines(result.Output));
        Assert.Single(Lines(result.Output), l => l.StartsWith("Reports: ", StringComparison.Ordinal));
        Assert.Single(Lines(result.Output), l => l.StartsWith("run ", StringComparison.Ordinal));
        Assert.DoesNotMatch(BoxDrawing(), result.Output);
        AssertNoLibraryLog(result);
    }

    [Fact]
    public async Task Verbose_run_shows_the_libraries_warnings_on_the_error_writer_only()
    {
        using var reports = new TempFolder();

        var result = await CliRun.RunAsync(
            "run", "--scenario", OrleansScenarios.Ping, "--rate", "100", "--duration", "1s", "--warm-up", "0", "--users", "100",
            "--no-console", "--verbose", "--report-dir", reports.Path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());

        // An embedded silo always warns that it runs without ServerGC (the generator wants workstation GC).
        Assert.Contains("warn: Orleans.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", result.Output, StringComparison.Ordinal);
        Assert.True(result.Stray.Length == 0, result.ToString());
    }

    [Fact]
    public async Task Repeated_capacity_search_reports_each_search_and_the_spread()
    {
        using var reports = new TempFolder();

        // Start and max rate equal: each search is one step, held for 0.5 s (no sample minimum), SLO on failures only.
        var result = await CliRun.RunAsync(
            "capacity", "--scenario", OrleansScenarios.Ping, "--start-rate", "50", "--max-rate", "50", "--step-duration", "0.5s",
            "--min-samples", "0", "--slo", "fail<1%", "--repeat", "2", "--users", "100", "--report-dir", reports.Path);

        // What is asserted is the reporting, not the machine: a step of 0.5 s can break when the test host's other
        // assemblies load the cores (achieved < 90 % of the target), and then the search answers 0 and exits 1.
        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ThresholdBreached, result.ToString());
        Assert.Equal(2, Regex.Count(result.Output, @"^Search \d of 2:", RegexOptions.Multiline));
        Assert.Matches(@"2 searches: (50|0), (50|0)/s; median (50|0)/s, spread ±[\d.,]+ %", result.Output);
        var folder = Directory.GetDirectories(reports.Path).Single();
        Assert.True(File.Exists(Path.Combine(folder, "repeat.md")), folder);
        Assert.True(File.Exists(Path.Combine(folder, "search1", "capacity.html")), folder);
        Assert.True(File.Exists(Path.Combine(folder, "search2", "capacity.json")), folder);
    }

    [Fact]
    public async Task Model_prints_the_simulated_profile_the_estimate_the_sensitivity_and_writes_its_reports()
    {
        using var folder = new TempFolder();

        var result = await CliRun.RunAsync("model", "--rate-per-silo", "5000", "--bytes-per-user", "8000", "--writes-per-request", "2",
            "--store-writes-per-node", "30000", "--sim-users", "500", "--sim-days", "1", "--report-dir", folder.Path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("Load profile from the simulator's traffic: 500 users x 1 days", result.Output, StringComparison.Ordinal);
        Assert.Contains("store nodes for writes", result.Output, StringComparison.Ordinal);
        Assert.Contains("store writes/s per node       30,000 (given with --store-writes-per-node)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Sensitivity (one assumption moved at a time", result.Output, StringComparison.Ordinal);
        var run = Assert.Single(Directory.GetDirectories(folder.Path));
        Assert.Contains("Bill of materials:", await File.ReadAllTextAsync(Path.Combine(run, "capacity-model.txt")), StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "capacity-model.json")));
        Assert.True(json.RootElement.GetProperty("silos").GetInt64() >= 1);
        Assert.Equal(4, json.RootElement.GetProperty("profile").GetProperty("resident").GetArrayLength()); // 1, 5, 15 and 60 min
        AssertNoLibraryLog(result);
    }

    [Fact]
    public Task Capacity_refuses_a_repeat_count_below_one() =>
        CliRun.AssertBadArgumentAsync("--repeat", "capacity", "--scenario", "ping", "--repeat", "0");

    [Theory]
    [InlineData("--refine-steps", "11")]
    [InlineData("--confirm-steps", "6")]
    [InlineData("--confirm-steps", "-1")]
    public Task Capacity_refuses_refinement_and_confirmation_counts_out_of_range(string flag, string value) =>
        CliRun.AssertBadArgumentAsync(flag, "capacity", "--scenario", "ping", flag, value);

    [Theory]
    [InlineData("run", "--scenario", "ping", "--rate", "10", "--duration", "1s")]
    [InlineData("capacity", "--scenario", "ping", "--step-duration", "1s")]
    [InlineData("model", "--rate-per-silo", "1000", "--bytes-per-user", "8000")]
    [InlineData("bench", "--memory-users", "0", "--duration", "1s")]
    public async Task Report_dir_that_is_a_file_exits_2_naming_it_before_a_silo_starts(params string[] args)
    {
        using var folder = new TempFolder();
        var file = folder.Sub("not-a-folder");
        await File.WriteAllTextAsync(file, "a file where the reports should go");

        var result = await CliRun.RunAsync([.. args, "--report-dir", file]);

        Assert.True(result.ExitCode == ExitCodes.BadConfiguration, result.ToString());
        Assert.Contains(file, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Target:", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(folder.Path));
        Assert.Equal([file], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task Unreachable_gateway_fails_within_15_s_with_one_error_line_naming_the_address()
    {
        // A port that was free a moment ago: nothing listens there, so every connection is refused.
        var address = $"127.0.0.1:{FreePorts.Get(1)[0].ToString(CultureInfo.InvariantCulture)}";
        var clock = Stopwatch.StartNew();

        var result = await CliRun.RunAsync("run", "--scenario", OrleansScenarios.Ping, "--rate", "10", "--duration", "1s", "--gateway", address);

        clock.Stop();
        Assert.True(result.ExitCode == ExitCodes.ThresholdBreached, result.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}: {result}");
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(address, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Target:", result.Output, StringComparison.Ordinal);
        AssertNoLibraryLog(result);
        Assert.True(result.Stray.Length == 0, result.ToString());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("capacity")]
    [InlineData("model")]
    [InlineData("bench")]
    [InlineData("merge")]
    public async Task Verbose_is_listed_in_every_commands_help(string command)
    {
        var result = await CliRun.RunAsync(command, "--help");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("--verbose", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--scenario", "ping", "--rate", "10")]
    [InlineData("capacity")]
    [InlineData("model")]
    [InlineData("bench")]
    [InlineData("merge", "some-run-folder")]
    public void Verbose_is_accepted_by_every_command(params string[] args)
    {
        var parse = LoadTestsCli.Build().Parse([.. args, "--verbose"]);

        Assert.Empty(parse.Errors);
    }

    private static void AssertNoLibraryLog(CliResult result)
    {
        foreach (var noise in new[] { "ServerGC", "watchdog", "Watchdog", "warn:", "fail:", "Orleans." })
        {
            Assert.True(!result.All.Contains(noise, StringComparison.Ordinal), $"'{noise}' printed: {result}");
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<string> ProgressLines(string output) =>
        [.. Lines(output).Where(l => ProgressLine().IsMatch(l))];

    [GeneratedRegex(@"^ping \d\d:\d\d ")]
    private static partial Regex ProgressLine();

    [GeneratedRegex("[\u2500-\u257F]")]
    private static partial Regex BoxDrawing();
}
