using System.Globalization;
using Actors.Client.Tests.Infrastructure;
using Actors.Hosting;

namespace Actors.Client.Tests;

/// <summary>
/// The silo executable and the client executable as two real processes on free ports: the demo and
/// single commands run across the process boundary, state lives in the silo between client runs,
/// and the silo stops cleanly (exit 0) on SIGTERM.
/// </summary>
public sealed class TwoProcessTests : IDisposable
{
    private static readonly TimeSpan SiloStartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(120);
    private readonly List<ChildProcess> _processes = [];
    private readonly string _clusterId = $"client-test-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task Silo_and_client_processes_share_state_and_the_silo_stops_cleanly_on_SIGTERM()
    {
        var ports = FreePorts.Get(2);
        var gateway = $"127.0.0.1:{ports[1].ToString(CultureInfo.InvariantCulture)}";
        var silo = Start("silo", RepositoryLayout.SiloDll,
            "--silo-port", ports[0].ToString(CultureInfo.InvariantCulture),
            "--gateway-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--http-port", "0",
            "--cluster-id", _clusterId);
        await silo.WaitForLineAsync("Actors silo ready", SiloStartDeadline);

        // The demo uses fresh ids per run, so it passes twice against the same long-lived silo.
        var firstDemo = await Client(gateway, "demo");
        var secondDemo = await Client(gateway, "demo");
        Assert.True(firstDemo.Transcript.Contains("demo passed", StringComparison.Ordinal), firstDemo.Transcript);
        Assert.True(secondDemo.Transcript.Contains("demo passed", StringComparison.Ordinal), secondDemo.Transcript);
        Assert.True(secondDemo.Transcript.Contains($"gateway {gateway}", StringComparison.Ordinal), secondDemo.Transcript);

        // Each command is its own process: only the silo can carry bob from one to the next.
        var bob = $"bob-{Guid.NewGuid():N}"[..16];
        await Client(gateway, "open-user", "--user", bob, "--name", "Bob Example", "--account", $"CHASE:{bob}");
        await Client(gateway, "deposit", "--account", $"CHASE:{bob}", "--amount", "75.00 USD");
        var messenger = await Client(gateway, "balance", "--user", bob, "--bank", "CHASE", "--as", "messenger");
        var own = await Client(gateway, "balance", "--user", bob, "--bank", "CHASE", "--as", "user");
        Assert.True(messenger.Transcript.Contains("ConsentRequired: BalanceView for CHASE is Missing", StringComparison.Ordinal), messenger.Transcript);
        Assert.True(own.Transcript.Contains("75.00 USD", StringComparison.Ordinal), own.Transcript);

        await silo.TerminateAsync();
        var siloExit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(siloExit == 0, $"the silo exited with {siloExit} after SIGTERM, expected 0. Its output:\n{silo.Transcript}");
    }

    [Fact]
    public async Task Client_exits_1_naming_the_gateway_when_no_silo_listens()
    {
        var port = FreePorts.Get(1)[0];
        var gateway = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

        var client = Start("client", RepositoryLayout.ClientDll, "--gateway", gateway, "--connect-timeout", "5", "inbox", "--user", "nobody");
        var exit = await client.WaitForExitAsync(CommandDeadline);

        Assert.True(exit == ExitCodes.Failure, $"exit code {exit}:\n{client.Transcript}");
        Assert.True(client.Transcript.Contains($"[err] error: could not connect to the gateway {gateway}", StringComparison.Ordinal), client.Transcript);
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
    }

    private ChildProcess Start(string name, string dll, params string[] args)
    {
        var process = ChildProcess.Start(name, dll, args);
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs one client command to its end and requires exit code 0.</summary>
    private async Task<ChildProcess> Client(string gateway, params string[] args)
    {
        var client = Start($"client {args[0]}", RepositoryLayout.ClientDll, ["--gateway", gateway, "--cluster-id", _clusterId, .. args]);
        var exit = await client.WaitForExitAsync(CommandDeadline);
        Assert.True(exit == ExitCodes.Ok, $"'{string.Join(' ', args)}' exited with {exit}:\n{client.Transcript}");
        return client;
    }
}
