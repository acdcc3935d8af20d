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
