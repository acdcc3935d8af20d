using Actors.Accounts;
using Actors.Users;

namespace Actors.LoadTests.Population;

/// <summary>
/// Creates (or, when it exists already, reuses) the load-test population. Every call it makes is
/// idempotent — registration with the same profile, account opening, a deposit with a fixed
/// transaction id, consent grants — so seeding twice changes nothing.
/// </summary>
public static class PopulationSeeder
{
    public static async Task SeedAsync(IGrainFactory grains, PopulationOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var indexes = options.SliceIndexes().ToArray();
        var next = -1;
        var done = 0;
        var workers = Enumerable.Range(0, Math.Max(1, options.SetupParallelism)).Select(async _ =>
        {
            int position;
            while ((position = Interlocked.Increment(ref next)) < indexes.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await SeedUser(grains, options, indexes[position]);
                var completed = Interlocked.Increment(ref done);
                if (completed % 500 == 0 || completed == indexes.Length)
                {
                    progress?.Report(completed);
                }
            }
        });
        await Task.WhenAll(workers);
    }

    private static async Task SeedUser(IGrainFactory grains, PopulationOptions options, int index)
    {
        var userId = PopulationOptions.UserId(index);
        var user = grains.GetGrain<IUserGrain>(userId);
        await user.Register(new UserProfile($"Load User {index}", "en_US", "US", $"msg-{index}"));
        foreach (var accountId in new[] { PopulationOptions.ChaseAccount(index), PopulationOptions.CitiAccount(index) })
        {
            var account = grains.GetGrain<IAccountGrain>(accountId);
            await account.Open(userId, "USD");
            await user.LinkAccount(accountId);
            await account.Deposit($"opening-{index}", Money.Money.FromMinor(options.OpeningBalanceMinor, "USD"));
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
    }
}
