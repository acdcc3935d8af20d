using Actors.Accounts;
using Actors.Hosting;
using Actors.Tests.Support;
using Orleans.Runtime;

namespace Actors.Tests.Cluster;

/// <summary>The real hosting extension (not the test configurator): state must survive what a long-running silo does to idle grains.</summary>
public sealed class EmbeddedSiloTests
{
    [Theory]
    [InlineData(StoreKinds.ProcessMemory)] // the embedded default
    [InlineData(StoreKinds.Memory)]
    public async Task Embedded_silo_keeps_an_account_whole_across_activation_collection(string storage)
    {
        await using var cluster = await ActorsCluster.StartEmbeddedAsync(new Dictionary<string, string?> { ["Actors:Silo:Storage"] = storage });
        Assert.Contains($"{storage} storage", cluster.Description, StringComparison.Ordinal);
        var account = cluster.Grains.GetGrain<IAccountGrain>(TestIds.Account("CHASE"));
        await account.Open("alice", "EUR");
        var first = await account.Deposit("dep-1", Amounts.Eur(1_250));

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(first with { Replayed = true }, await account.Deposit("dep-1", Amounts.Eur(1_250)));
        Assert.True((await account.Withdraw("wd-1", Amounts.Eur(250))).Approved);
        Assert.Equal(Amounts.Eur(1_000), (await account.GetSnapshot()).Balance);
    }
}
