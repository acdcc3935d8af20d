using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Load;
using Actors.LoadTests.Tests.Support;

namespace Actors.LoadTests.Tests.Cli;

/// <summary><c>--silos N</c>: real silo processes on free ports, started for the command and gone after it, whatever its end.</summary>
public sealed partial class SiloFleetTests
{
    [Fact]
    public async Task Run_with_silos_2_measures_through_two_silo_processes_and_leaves_none_running()
    {
        using var reports = new TempFolder();
        var result = await CliRun.RunAsync("run", "--scenario", "ping", "--rate", "200", "--duration", "1s", "--warm-up", "0",
            "--silos", "2", "--no-console", "--report-dir", reports.Path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var pids = StartedPids(result);
        Assert.Equal(2, pids.Count);
        Assert.Contains("2 silo processes (Memory storage", result.Output, StringComparison.Ordinal);
        AssertGone(pids, result);
    }

    [Fact]
    public async Task A_failing_run_with_silos_still_stops_every_silo_process()
    {
        using var reports = new TempFolder();
        var result = await CliRun.RunAsync("run", "--scenario", "ping", "--rate", "200", "--duration", "1s", "--warm-up", "0",
            "--threshold", "p50<0.001ms", "--silos", "2", "--no-console", "--report-dir", reports.Path);

        Assert.True(result.ExitCode == ExitCodes.ThresholdBreached, result.ToString());
        var pids = StartedPids(result);
        Assert.Equal(2, pids.Count);
        AssertGone(pids, result);
    }

    [Fact]
    public async Task Cancelling_a_run_with_silos_stops_every_silo_process()
    {
        using var reports = new TempFolder();
        using var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var cancel = new CancellationTokenSource();
        var run = Actors.LoadTests.LoadTestsCli.RunAsync(
            ["run", "--scenario", "ping", "--rate", "100", "--duration", "10m", "--warm-up", "0", "--silos", "1", "--no-console", "--report-dir", reports.Path],
            synchronized, TextWriter.Synchronized(new StringWriter()), cancel.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!output.ToString().Contains("Target:", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 120 s for the run to start its silo and connect; output:\n{output}");
            Assert.False(run.IsCompleted, $"the run ended before it was cancelled; output:\n{output}");
            await Task.Delay(50);
        }

        await cancel.CancelAsync(); // what Ctrl+C does through System.CommandLine
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        var pids = StartedPids(new CliResult(0, output.ToString(), "", ""));
        Assert.Single(pids);
        AssertGone(pids, new CliResult(0, output.ToString(), "", ""));
    }

    [Theory]
    [InlineData("--silos", "0", "--storage", "Redis")]
    [InlineData("--silos", "-1")]
    [InlineData("--silos", "2", "--storage", "Cassandra")]
    [InlineData("--silos", "2", "--storage", "PostgreSQL")]
    [InlineData("--silos", "2", "--gateway", "127.0.0.1:1")]
    [InlineData("--silos", "2", "--silo-dll", "/nonexistent/Actors.Silo.dll")]
    [InlineData("--silos", "1", "--tls-ca", "/etc/hostname")]
    public async Task Bad_silos_arguments_are_refused_before_anything_starts(params string[] flags)
    {
        var result = await CliRun.RunAsync(["run", "--scenario", "ping", "--rate", "10", "--duration", "1s", .. flags]);
        Assert.True(result.ExitCode == ExitCodes.BadConfiguration, result.ToString());
        Assert.DoesNotContain("Started silo", result.Output, StringComparison.Ordinal);
    }

    private static List<int> StartedPids(CliResult result) =>
        StartedLine().Matches(result.Output).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    private static void AssertGone(IEnumerable<int> pids, CliResult result)
    {
        foreach (var pid in pids)
        {
            var alive = Process.GetProcesses().Any(p => p.Id == pid && !p.HasExited);
            Assert.False(alive, $"silo process {pid} is still running after the command ended: {result}");
        }
    }

    [GeneratedRegex(@"Started silo \d+ \(pid (\d+)\)")]
    private static partial Regex StartedLine();
}
