using Actors.Accounts;
using Actors.Cluster.Tests.Infrastructure;
using Actors.Hosting;
using Actors.Transfers;
using Actors.Users;

namespace Actors.Cluster.Tests;

/// <summary>
/// Stop the whole cluster (SIGTERM), start it again on the same store: every balance, consent, audit
/// entry, history line and idempotency record is still there — a repeated transaction id is Replayed.
/// </summary>
[Collection(StoresCollection.Name)]
public sealed class RestartDurabilityTests(StoresFixture stores)
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(60);

    [RedisFact]
    public async Task Redis_state_survives_a_full_cluster_restart() =>
        await State_survives_a_restart(await StoreArgs.RedisAsync(stores));

    [PostgresFact]
    public async Task PostgreSQL_state_survives_a_full_cluster_restart() =>
        await State_survives_a_restart(await StoreArgs.PostgresAsync(stores, $"restart_{Guid.NewGuid():N}"[..20]));

    /// <summary>
    /// Three silos, every one killed with kill -9 (no shutdown, no flush), then three new ones on the same store: what was
    /// acknowledged before the kill is all there, and repeated ids are replays. The dead silos are still "active" in the
    /// membership table when the new ones start; they are declared dead by the newcomers.
    /// </summary>
    [RedisFact]
    public async Task Redis_state_survives_kill_9_of_every_silo_and_a_restart_of_three()
    {
        var storeArgs = await StoreArgs.RedisAsync(stores);
        var clusterId = $"killall-{Guid.NewGuid():N}"[..20];
        var world = new SmallWorld(clusterId);
        var first = Enumerable.Range(1, 3).Select(i => SiloProcess.Start($"silo {i} (first run)", clusterId, storeArgs)).ToList();
        var second = new List<SiloProcess>();
        try
        {
            await Task.WhenAll(first.Select(s => s.WaitReadyAsync()));
            SmallWorld.Record before;
            await using (var cluster = await ConnectThroughRedis(stores, clusterId))
            {
                before = await world.BuildAsync(cluster.Grains);
            }

            foreach (var silo in first)
            {
                await silo.SignalAsync("KILL");
            }

            foreach (var silo in first)
            {
                var exit = await silo.WaitForExitAsync(StopDeadline);
                Assert.True(exit != 0, $"{silo.Name} exited with {exit} after kill -9");
            }

            second.AddRange(Enumerable.Range(1, 3).Select(i => SiloProcess.Start($"silo {i} (after kill -9 of all)", clusterId, storeArgs)));
            await Task.WhenAll(second.Select(s => s.WaitReadyAsync()));
            await using var again = await ConnectThroughRedis(stores, clusterId);
            var after = await world.ReadAsync(again.Grains);

            Assert.Equal(before.Balances, after.Balances);
            Assert.Equal(before.Consents, after.Consents);
            Assert.Equal(before.History, after.History);
            Assert.Equal(before.Audit, after.Audit.Take(before.Audit.Count));
            Assert.Equal(before.Transfer, after.Transfer);

            var replays = await world.ReplayAsync(again.Grains);
            Assert.All(replays, r => Assert.True(r.Replayed, $"{r} was applied again after kill -9 of every silo instead of replayed"));
            Assert.Equal(before.Balances, (await world.ReadAsync(again.Grains)).Balances);
        }
        finally
        {
            foreach (var silo in first.Concat(second))
            {
                silo.Dispose();
            }
        }
    }

    private static async Task<ActorsCluster> ConnectThroughRedis(StoresFixture stores, string clusterId) =>
        await ActorsCluster.ConnectClientAsync(
            new ClusterAddress { Clustering = StoreKinds.Redis, ClusteringConnection = (await stores.RedisAsync()).ConnectionString, ClusterId = clusterId, ServiceId = clusterId },
            new ClusterConnectOptions { GatewayConnectTimeout = TimeSpan.FromSeconds(60) });

    private static async Task State_survives_a_restart(string[] storeArgs)
    {
        var clusterId = $"restart-{Guid.NewGuid():N}"[..20];
        var world = new SmallWorld(clusterId);

        SmallWorld.Record before;
        using (var first = SiloProcess.Start("silo (first run)", clusterId, storeArgs))
        {
            await first.WaitReadyAsync();
            await using (var cluster = await Connect(first, clusterId))
            {
                before = await world.BuildAsync(cluster.Grains);
            }

            await first.SignalAsync("TERM");
            var exit = await first.WaitForExitAsync(StopDeadline);
            Assert.True(exit == 0, $"the silo exited with {exit} after SIGTERM. Its output:\n{first.Transcript}");
        }

        using var second = SiloProcess.Start("silo (second run)", clusterId, storeArgs);
        await second.WaitReadyAsync();
        await using var again = await Connect(second, clusterId);
        var after = await world.ReadAsync(again.Grains);

        Assert.Equal(before.Balances, after.Balances);
        Assert.Equal(before.Consents, after.Consents);
        Assert.Equal(before.History, after.History);
        Assert.True(after.Audit.Count >= before.Audit.Count, $"audit log shrank from {before.Audit.Count} to {after.Audit.Count} entries");
        Assert.Equal(before.Audit, after.Audit.Take(before.Audit.Count));
        Assert.Equal(before.Transfer, after.Transfer);

        // Idempotency records: the same ids again change nothing and answer Replayed.
        var replays = await world.ReplayAsync(again.Grains);
        Assert.All(replays, r => Assert.True(r.Replayed, $"{r} was applied again after the restart instead of replayed"));
        Assert.Equal(before.Balances, (await world.ReadAsync(again.Grains)).Balances);
        Assert.Equal(TransferStatus.Completed, (await again.Grains.GetGrain<ITransferGrain>(world.TransferId).Execute(world.Transfer)).Status);
    }

    private static Task<ActorsCluster> Connect(SiloProcess silo, string clusterId) =>
        ActorsCluster.ConnectToGatewayAsync(silo.Gateway, clusterId, clusterId);
}
