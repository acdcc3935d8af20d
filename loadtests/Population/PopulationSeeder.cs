using Actors.Accounts;
using Actors.Users;

namespace Actors.LoadTests.Population;

/// <summary>
/// Creates (or, when it exists already, reuses) the load-test population, idempotent by construction: an account is
/// funded only when it has never taken a posting (its opening deposit is its first), whatever time has passed or how many
/// postings it has taken since, so seeding any number of times moves money once. Every other call is idempotent too
/// (registration with the same profile, opening, linking, consent grants only when missing); the opening deposit keeps a
/// fixed transaction id, so two seeders racing on a new account still fund it once (the second is a replay).
/// </summary>
public static class PopulationSeeder
{
    /// <returns>How many accounts this call funded and how many it found funded already.</returns>
    public static async Task<SeedSummary> SeedAsync(IGrainFactory grains, PopulationOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var created = 0;
        var reused = 0;
        var indexes = options.SliceIndexes().ToArray();
        var next = -1;
        var done = 0;
        var workers = Enumerable.Range(0, Math.Max(1, options.SetupParallelism)).Select(async _ =>
        {
            int position;
            while ((position = Interlocked.Increment(ref next)) < indexes.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var funded = await SeedUser(grains, options, indexes[position]);
                Interlocked.Add(ref created, funded);
                Interlocked.Add(ref reused, 2 - funded);
                var completed = Interlocked.Increment(ref done);
                if (completed % 500 == 0 || completed == indexes.Length)
                {
                    progress?.Report(completed);
                }
            }
        });
        await Task.WhenAll(workers);
        return new SeedSummary(created, reused);
    }

    /// <returns>How many of the user's two accounts this call funded.</returns>
    private static async Task<int> SeedUser(IGrainFactory grains, PopulationOptions options, int index)
    {
        var userId = PopulationOptions.UserId(index);
        var user = grains.GetGrain<IUserGrain>(userId);
        await user.Register(new UserProfile($"Load User {index}", "en_US", "US", $"msg-{index}"));
        var funded = 0;
        foreach (var accountId in new[] { PopulationOptions.ChaseAccount(index), PopulationOptions.CitiAccount(index) })
        {
            var account = grains.GetGrain<IAccountGrain>(accountId);
            var opened = await account.Open(userId, "USD");
            await user.LinkAccount(accountId);
            if (opened.Postings == 0)
            {
                await account.Deposit($"opening-{index}", Money.Money.FromMinor(options.OpeningBalanceMinor, "USD"));
                funded++;
            }
        }

        if (options.Consents(index))
        {
            var snapshot = await user.Get();
            if (!snapshot.Consents.Any(c => c.Bank == "CHASE" && c.Purpose == ConsentPurpose.BalanceView && c.RevokedAt is null))
            {
                await user.GrantConsent("CHASE", ConsentPurpose.BalanceView, null, "user");
                await user.GrantConsent("CHASE", ConsentPurpose.TransactionNotifications, null, "user");
            }
        }

        return funded;
    }
}

/// <summary>What a seeding found: accounts it funded (new) and accounts that had been funded before (reused).</summary>
public readonly record struct SeedSummary(int CreatedAccounts, int ReusedAccounts)
{
    public override string ToString() => CreatedAccounts == 0
        ? $"reused ({ReusedAccounts:N0} accounts existed; no money moved)"
        : ReusedAccounts == 0 ? $"created ({CreatedAccounts:N0} accounts funded)" : $"partly created ({CreatedAccounts:N0} accounts funded, {ReusedAccounts:N0} reused)";
}
