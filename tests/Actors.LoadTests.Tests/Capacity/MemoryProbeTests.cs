using Actors.LoadTests.Capacity;
using Actors.LoadTests.Tests.Support;

namespace Actors.LoadTests.Tests.Capacity;

/// <summary>The memory probe on a few hundred users of the shared embedded silo.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class MemoryProbeTests(EmbeddedSiloFixture silo)
{
    private const int Users = 400;
    private const int AccountsPerUser = 2;

    [Fact]
    public async Task Probe_measures_a_positive_resident_cost_per_user_and_deactivates_its_grains()
    {
        var result = await MemoryProbe.MeasureAsync(silo.Grains, Users, AccountsPerUser, parallelism: 16);

        Assert.Equal((Users, AccountsPerUser), (result.Users, result.AccountsPerUser));
        Assert.True(result.ResidentBytesPerUser > 0, $"resident bytes per user {result.ResidentBytesPerUser:N0}");

        // The probe's own grains (a user and its accounts) were active, and at least 90 % of them went away.
        var probeGrains = Users * (1 + AccountsPerUser);
        Assert.True(result.ActivationsActive >= probeGrains, $"{result.ActivationsActive} activations while active, expected at least {probeGrains}");
        Assert.True(result.ActivationsDeactivated <= result.ActivationsActive - probeGrains * 9 / 10,
            $"{result.ActivationsDeactivated} of {result.ActivationsActive} activations remained after deactivation");
    }

    [Fact]
    public async Task Probe_users_carry_steady_state_traffic_pending_history_and_an_open_inbox_page()
    {
        var result = await MemoryProbe.MeasureAsync(silo.Grains, users: 3, AccountsPerUser, parallelism: 2, postingsPerAccount: 12,
            storeBytes: MemoryProbe.StoreBytes(silo.Cluster));

        Assert.Equal(12, result.PostingsPerAccount);

        // The embedded store keeps state bytes outside the managed heap; the probe counts them as storage: at least each
        // account's idempotency window (32 records of 24 bytes).
        Assert.True(result.StoreBytesAdded >= 3 * AccountsPerUser * 32 * 24, $"store grew by {result.StoreBytesAdded:N0} bytes");
        var user = silo.Grains.GetGrain<Actors.Users.IUserGrain>("mem-u2");
        var inbox = await user.GetInbox();
        Assert.Equal(12, inbox.Count(m => m.AccountId == "CHASE:mem-2-0")); // notifications for the consented bank only
        Assert.DoesNotContain(inbox, m => m.AccountId == "CITI:mem-2-1");
        var history = await silo.Grains.GetGrain<Actors.Accounts.IAccountGrain>("CITI:mem-2-1").GetHistory(100);
        Assert.Equal(12, history.Count);
        Assert.Empty(await silo.Grains.GetGrain<Actors.Accounts.IAccountGrain>("CHASE:mem-2-0").GetAlerts()); // no fraud alerts: a quiet, ordinary user
    }
}
