using System.Diagnostics;
using Actors.Accounts;
using Actors.Cluster.Tests.Infrastructure;
using Actors.Hosting;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

/// <summary>
/// Three silo processes on one store, a client load of card payments and transfers (retried with
/// the same ids), and one silo killed (kill -9) or hung (SIGSTOP, later SIGKILL) in the middle.
/// Afterwards no transaction is lost or doubled and money is conserved; the time until the dead
/// silo's grains answer again is printed.
/// </summary>
[Collection(StoresCollection.Name)]
public sealed class FaultTests(StoresFixture stores, ITestOutputHelper output) : IDisposable
{
    private const int Accounts = 24;
    private const int Workers = 8;
    private const int OperationsPerPhase = 300;
    private static readonly TimeSpan PhaseDeadline = TimeSpan.FromSeconds(90);

    private static readonly ClusterConnectOptions Connect = new() { Failover = new ClientFailoverOptions { ResponseTimeout = TimeSpan.FromSeconds(5) } };
    private readonly List<SiloProcess> _silos = [];
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    [RedisFact]
    public async Task Redis_cluster_loses_and_doubles_nothing_when_a_silo_is_killed_with_SIGKILL() =>
        await RunFaultAsync(await StoreArgs.RedisAsync(stores), StoreKinds.Redis, hang: false);

    [RedisFact]
    public async Task Redis_cluster_loses_and_doubles_nothing_when_a_silo_hangs_and_is_killed_later() =>
        await RunFaultAsync(await StoreArgs.RedisAsync(stores), StoreKinds.Redis, hang: true);

    [PostgresFact]
    public async Task PostgreSQL_cluster_loses_and_doubles_nothing_when_a_silo_is_killed_with_SIGKILL() =>
        await RunFaultAsync(await StoreArgs.PostgresAsync(stores, $"fault_{_tag}"), StoreKinds.PostgreSql, hang: false);

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }

    private async Task RunFaultAsync(string[] storeArgs, string store, bool hang)
    {
        var clusterId = $"fault-{_tag}";
        for (var i = 1; i <= 3; i++)
        {
            _silos.Add(SiloProcess.Start($"silo {i}", clusterId, [.. storeArgs, .. StoreArgs.ExactAccounts]));
        }

        await Task.WhenAll(_silos.Select(s => s.WaitReadyAsync()));
        // The client reads the gateway list from the membership table, as a production client would:
        // a hung silo leaves that list once declared dead, while a static list would keep it.
        var connection = storeArgs[Array.IndexOf(storeArgs, store == StoreKinds.Redis ? "--redis" : "--postgres") + 1];
        await using var cluster = await ActorsCluster.ConnectClientAsync(
            new ClusterAddress { Clustering = store, ClusteringConnection = connection, ClusterId = clusterId, ServiceId = clusterId }, Connect);
        var load = new BankLoad(cluster.Grains, _tag, Accounts);
        await load.OpenAccountsAsync();
        var (victim, victimAccounts) = await PickVictimAsync(cluster.Grains, load.Accounts);

        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(Workers, stop.Token);
        await WaitForProgressAsync(load, OperationsPerPhase, "before the fault");

        var sinceFault = Stopwatch.StartNew();
        await victim.SignalAsync(hang ? "STOP" : "KILL");
        var declaredDead = WaitForDeathDeclarationAsync(cluster.Grains, victim, sinceFault);
        var recovery = await WaitForRecoveryAsync(cluster.Grains, victimAccounts, sinceFault);
        var dead = await declaredDead;
        var fault = hang ? "SIGSTOP (hung silo)" : "kill -9";
        output.WriteLine($"{store}, {fault}: the victim was declared dead after {dead.TotalSeconds:0.0} s; its {victimAccounts.Count} accounts answered again after {recovery.TotalSeconds:0.0} s");
        Console.WriteLine($"[recovery] {store}, {fault}: declared dead after {dead.TotalSeconds:0.0} s, the {victimAccounts.Count} accounts on the victim answered again after {recovery.TotalSeconds:0.0} s");
        await WaitForProgressAsync(load, load.Completed + OperationsPerPhase, "after recovery");

        if (hang)
        {
            await victim.SignalAsync("KILL");
            await WaitForProgressAsync(load, load.Completed + OperationsPerPhase, "after the hung silo was killed");
        }

        await stop.CancelAsync();
        await running;
        output.WriteLine($"{load.Completed} operations answered, {load.AcceptedOperations.Count} accepted, {load.FailedCalls} failed calls retried");

        var findings = await LedgerAudit.CheckAsync(cluster.Grains, load);
        foreach (var problem in findings.Money.Concat(findings.HistoryDuplicates).Take(30))
        {
            output.WriteLine(problem);
        }

        Assert.True(findings.Money.Count == 0, $"{findings.Money.Count} problems after the fault: {string.Join(" | ", findings.Money.Take(30))}");
        // Pending history lines are committed with the account's state, and pages are only read below
        // the committed cursor: a kill can neither lose nor double a line.
        Assert.True(findings.HistoryDuplicates.Count == 0, $"history lines doubled: {string.Join(" | ", findings.HistoryDuplicates)}");

        Assert.True(load.AcceptedOperations.Count > 0, "no operation was accepted: the load did not run");
        Assert.True(victim.HasExited, "the victim silo should have been killed");
    }

    /// <summary>The silo hosting the most accounts, and those accounts: the ones whose recovery is timed.</summary>
    private async Task<(SiloProcess Victim, IReadOnlyList<string> Accounts)> PickVictimAsync(IGrainFactory grains, IReadOnlyList<string> accounts)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = new Dictionary<string, int>();
        foreach (var account in accounts)
        {
            var address = await management.GetActivationAddress(grains.GetGrain<IAccountGrain>(account));
            hosts[account] = address?.Endpoint.Port ?? -1;
        }

        var victimPort = hosts.Values.Where(p => p > 0).GroupBy(p => p).OrderByDescending(g => g.Count()).First().Key;
        var victim = _silos.Single(s => s.SiloPort == victimPort);
        return (victim, hosts.Where(h => h.Value == victimPort).Select(h => h.Key).ToArray());
    }

    private static async Task WaitForProgressAsync(BankLoad load, long target, string phase)
    {
        var deadline = DateTime.UtcNow + PhaseDeadline;
        while (load.Completed < target)
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"the load stalled {phase}: {load.Completed} of {target} operations answered within {PhaseDeadline.TotalSeconds:0} s ({load.FailedCalls} failed calls)");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Polls every account that lived on the victim until one round answers completely. Each call is given up on after
    /// <see cref="PollCallTimeout"/> (a call to a hung silo would otherwise wait out the whole response timeout and hide
    /// when the accounts came back).
    /// </summary>
    private static async Task<TimeSpan> WaitForRecoveryAsync(IGrainFactory grains, IReadOnlyList<string> accounts, Stopwatch sinceFault)
    {
        while (true)
        {
            var round = await Task.WhenAll(accounts.Select(async a =>
            {
                try
                {
                    await grains.GetGrain<IAccountGrain>(a).GetSnapshot().WaitAsync(PollCallTimeout);
                    return true;
                }
                catch (Exception e) when (e is not Errors.DomainException)
                {
                    return false;
                }
            }));
            if (round.All(ok => ok))
            {
                return sinceFault.Elapsed;
            }

            Assert.True(sinceFault.Elapsed < PhaseDeadline, $"the victim's accounts did not answer within {PhaseDeadline.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }

    private static readonly TimeSpan PollCallTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Polls the membership (through the management grain) until it lists the victim as dead.</summary>
    private static async Task<TimeSpan> WaitForDeathDeclarationAsync(IGrainFactory grains, SiloProcess victim, Stopwatch sinceFault)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        while (true)
        {
            try
            {
                var hosts = await management.GetHosts(onlyActive: false).WaitAsync(PollCallTimeout);
                if (hosts.Any(h => h.Key.Endpoint.Port == victim.SiloPort && h.Value == SiloStatus.Dead))
                {
                    return sinceFault.Elapsed;
                }
            }
            catch (TimeoutException)
            {
                // The management grain may have lived on the victim: ask again.
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // As above.
            }

            Assert.True(sinceFault.Elapsed < PhaseDeadline, $"the membership did not list {victim.Name} as dead within {PhaseDeadline.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }
}
