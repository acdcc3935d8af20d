using Actors.Accounts;
using Actors.Hosting;
using Actors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
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

    [Fact]
    public async Task Embedded_silo_keeps_no_directory_cache_and_still_reaches_its_grains()
    {
        await using var cluster = await ActorsCluster.StartEmbeddedAsync();
        var directory = cluster.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;
        Assert.Equal(GrainDirectoryOptions.CachingStrategyType.None, directory.CachingStrategy);

        var account = cluster.Grains.GetGrain<IAccountGrain>(TestIds.Account("CHASE"));
        await account.Open("alice", "EUR");
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(Amounts.Eur(5), (await account.Deposit("dep-1", Amounts.Eur(5))).Balance);
    }

    [Fact]
    public async Task A_configured_directory_cache_size_reaches_orleans()
    {
        await using var cluster = await ActorsCluster.StartEmbeddedAsync(new Dictionary<string, string?> { ["Actors:Silo:DirectoryCacheSize"] = "5000" });
        var directory = cluster.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        Assert.Equal(GrainDirectoryOptions.CachingStrategyType.LRU, directory.CachingStrategy);
        Assert.Equal(5000, directory.CacheSize);
    }

    [Fact]
    public async Task A_negative_directory_cache_size_is_refused_naming_the_option()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ActorsCluster.StartEmbeddedAsync(new Dictionary<string, string?> { ["Actors:Silo:DirectoryCacheSize"] = "-1" }));

        Assert.Contains("DirectoryCacheSize", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_shorter_than_the_idempotency_window_is_refused_naming_both()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => ActorsCluster.StartEmbeddedAsync(new Dictionary<string, string?>
        {
            ["Actors:Accounts:IdempotencyWindow"] = "64",
            ["Actors:Accounts:HistoryCapacity"] = "50",
        }));

        Assert.Contains("Actors:Accounts:HistoryCapacity = '50'", e.Message, StringComparison.Ordinal);
        Assert.Contains("IdempotencyWindow (64)", e.Message, StringComparison.Ordinal);
    }
}
