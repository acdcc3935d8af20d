using System.Globalization;
using Actors.Accounts;
using Actors.Errors;
using Actors.Client.Tests.Infrastructure;
using Actors.Hosting;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary>
/// What a replay does to a running cluster and to the terminal: a bad trace changes nothing, and a good
/// replay (the simulator executable, as a user runs it) ends without stack traces or library noise.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplaySafetyTests : IDisposable
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(120);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Replay_of_a_trace_corrupt_near_its_end_into_a_running_cluster_applies_nothing()
    {
        var world = TestSupport.Small(seed: 11, users: 40, days: 1);
        var path = await TestSupport.WriteAsync(world, _folder.Path, "half-bad.jsonl");
        var lines = await File.ReadAllLinesAsync(path);
        var last = Array.FindLastIndex(lines, l => l.StartsWith("{\"seq\":", StringComparison.Ordinal));
        Assert.True(last >= lines.Length - 3, "the last event is followed by at most the final checksum line and the end line");
        lines[last] = "{\"seq\": not json";
        await File.WriteAllLinesAsync(path, lines);
        var accounts = new TrafficGenerator(world).Where(e => e.Type == EventType.AccountOpened).Select(e => e.AccountId!).ToArray();
        Assert.NotEmpty(accounts);

        await using var cluster = await ActorsCluster.StartEmbeddedAsync();
        var gateway = cluster.Description[(cluster.Description.IndexOf("gateway ", StringComparison.Ordinal) + "gateway ".Length)..].TrimEnd(')');
        var (exit, errors) = await ConsoleCapture.RunAsync(() => SimulatorCommand.RunAsync(["replay", path, "--gateway", gateway, "--cluster-id", "embedded"]));

        Assert.True(exit == ExitCodes.BadArguments, $"exit {exit}: {errors}");
        Assert.Contains($"line {last + 1}", errors, StringComparison.Ordinal);
        Assert.Contains("Nothing was applied", errors, StringComparison.Ordinal);
        foreach (var account in accounts)
        {
            var never = await Assert.ThrowsAsync<DomainException>(() => cluster.Grains.GetGrain<IAccountGrain>(account).GetSnapshot());
            Assert.Equal(DomainError.AccountNotFound, never.Error);
        }
    }

    [Fact]
    public async Task Replay_with_a_fraud_report_in_the_simulator_executable_prints_no_stack_traces_or_library_warnings()
    {
        var world = TestSupport.Small(seed: 5, users: 60, days: 1, fraud: 0.05);
        var path = await TestSupport.WriteAsync(world, _folder.Path, "quiet.parquet");
        var simulator = Path.Combine(RepositoryLayout.Root, "simulator", "bin", RepositoryLayout.Configuration, "net10.0", "Actors.Simulator.dll");

        using var process = ChildProcess.Start("simulator replay", simulator, "replay", path, "--fraud-report", "--report-dir", _folder.File("reports"));
        var exit = await process.WaitForExitAsync(ExitDeadline);

        var transcript = process.Transcript;
        Assert.True(exit == ExitCodes.Ok, $"exit {exit}:\n{transcript}");
        Assert.Contains("Fraud report:", transcript, StringComparison.Ordinal);
        foreach (var noise in new[] { "   at ", "Exception", "warn:", "fail:", "ServerGC", "deadlock" })
        {
            Assert.False(transcript.Contains(noise, StringComparison.Ordinal), $"'{noise}' in the replay's output:\n{transcript}");
        }

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{new TrafficGenerator(world).Count():N0} events in"), transcript, StringComparison.Ordinal);
    }
}

/// <summary>Runs a command with the console's error stream captured (the simulator writes errors there).</summary>
internal static class ConsoleCapture
{
    public static async Task<(int Exit, string Errors)> RunAsync(Func<Task<int>> run)
    {
        var original = Console.Error;
        using var errors = new StringWriter(CultureInfo.InvariantCulture);
        Console.SetError(errors);
        try
        {
            var exit = await run();
            return (exit, errors.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
