using Actors.Accounts;
using Actors.Domain;
using Actors.Storage;
using Actors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Actors.Tests.Cluster;

/// <summary>
/// What a crash between a history page write and the account's commit leaves behind: a page above the
/// committed cursor. It must stay invisible and be overwritten, so every posting is in the history once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountHistoryCrashTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_leftover_page_from_an_uncommitted_write_is_invisible_and_overwritten()
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(TestIds.Account("CHASE"));
        await account.Open("alice", "USD");
        var storage = fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Primary!.SiloAddress)
            .GetRequiredKeyedService<IGrainStorage>(ActorsConstants.StorageName);
        var ghost = new HistoryEntry("ghost", PostingKind.Deposit, PostingOutcome.Applied, DeclineReason.None, 1, 1, fixture.Time.GetUtcNow(), null);
        await storage.WriteStateAsync("history-0", account.GetGrainId(),
            new GrainState<JournalPage<HistoryEntry>>(new JournalPage<HistoryEntry> { Entries = Enumerable.Repeat(ghost, AccountOptions.DefaultHistoryPageSize).ToList() }));

        Assert.Empty(await account.GetHistory(100));
        var ids = Enumerable.Range(1, AccountOptions.DefaultHistoryPageSize + 3).Select(i => $"dep-{i}").ToArray();
        foreach (var id in ids)
        {
            await account.Deposit(id, Amounts.Usd(100));
        }

        await fixture.Cluster.DeactivateAsync(account);
        var history = await account.GetHistory(100);

        Assert.Equal(ids.Reverse(), history.Select(h => h.TransactionId));
    }
}
