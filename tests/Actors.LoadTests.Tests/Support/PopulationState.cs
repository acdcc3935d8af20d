using Actors.Accounts;
using Actors.LoadTests.Population;
using Actors.Users;

namespace Actors.LoadTests.Tests.Support;

/// <summary>
/// Reads the load-test population back from the grains, so a test can prove that a scenario's calls
/// really changed (or, for money, did not change) the cluster's state.
/// </summary>
public static class PopulationState
{
    /// <summary>An account's history is bounded (100 by default); the tests' runs stay well within it.</summary>
    private const int HistoryDepth = 100;

    public static Task<AccountSnapshot[]> ChaseAccountsAsync(IGrainFactory grains, PopulationOptions population) =>
        AccountsAsync(grains, population, PopulationOptions.ChaseAccount);

    public static Task<AccountSnapshot[]> CitiAccountsAsync(IGrainFactory grains, PopulationOptions population) =>
        AccountsAsync(grains, population, PopulationOptions.CitiAccount);

    public static long TotalMinor(IEnumerable<AccountSnapshot> accounts) => accounts.Sum(a => a.Balance.Minor);

    public static long TotalPostings(IEnumerable<AccountSnapshot> accounts) => accounts.Sum(a => a.Postings);

    /// <summary>Audited decisions matching <paramref name="match"/>, summed over the population's users (a repeated denial is one entry counting its occurrences).</summary>
    public static async Task<long> CountAuditAsync(IGrainFactory grains, PopulationOptions population, Func<AuditEntry, bool> match)
    {
        var logs = await Task.WhenAll(population.SliceIndexes().Select(i => grains.GetGrain<IUserGrain>(PopulationOptions.UserId(i)).GetAuditLog()));
        return logs.Sum(log => log.Where(match).Sum(e => e.Occurrences));
    }

    /// <summary>Inbox messages matching <paramref name="match"/> per user index.</summary>
    public static async Task<Dictionary<int, int>> CountInboxAsync(IGrainFactory grains, PopulationOptions population, Func<InboxMessage, bool> match)
    {
        var indexes = population.SliceIndexes().ToArray();
        var inboxes = await Task.WhenAll(indexes.Select(i => grains.GetGrain<IUserGrain>(PopulationOptions.UserId(i)).GetInbox()));
        return indexes.Zip(inboxes).ToDictionary(p => p.First, p => p.Second.Count(match));
    }

    /// <summary>
    /// Inbox messages matching <paramref name="match"/> per user index, once their total reached
    /// <paramref name="expectedTotal"/> or <paramref name="deadline"/> passed. Notifications travel over
    /// Orleans streams by default, so they land in the inbox shortly after the posting that caused them.
    /// </summary>
    public static async Task<Dictionary<int, int>> WaitForInboxAsync(IGrainFactory grains, PopulationOptions population, Func<InboxMessage, bool> match,
        int expectedTotal, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var counts = await CountInboxAsync(grains, population, match);
            if (counts.Values.Sum() >= expectedTotal || DateTime.UtcNow > until)
            {
                return counts;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Recent history entries matching <paramref name="match"/> per user index, on the account <paramref name="accountId"/> names.</summary>
    public static async Task<Dictionary<int, int>> CountHistoryAsync(IGrainFactory grains, PopulationOptions population, Func<int, string> accountId,
        Func<HistoryEntry, bool> match)
    {
        var indexes = population.SliceIndexes().ToArray();
        var histories = await Task.WhenAll(indexes.Select(i => grains.GetGrain<IAccountGrain>(accountId(i)).GetHistory(HistoryDepth)));
        return indexes.Zip(histories).ToDictionary(p => p.First, p => p.Second.Count(match));
    }

    private static Task<AccountSnapshot[]> AccountsAsync(IGrainFactory grains, PopulationOptions population, Func<int, string> accountId) =>
        Task.WhenAll(population.SliceIndexes().Select(i => grains.GetGrain<IAccountGrain>(accountId(i)).GetSnapshot()));
}
