using System.Diagnostics;
using Actors.Accounts;
using Actors.Users;

namespace Actors.LoadTests.Capacity;

/// <summary>
/// What activating a synthetic population cost in memory. Managed heap is measured three times:
/// before, with every user active, and after every grain was deactivated (the in-memory storage,
/// a keep-alive grain, still holds the state then). Active minus deactivated is what the active
/// grains themselves cost — the resident cost a silo pays for an active user, whatever the store.
/// </summary>
public sealed record MemoryProbeResult(
    int Users,
    int AccountsPerUser,
    long ManagedBefore,
    long ManagedActive,
    long ManagedDeactivated,
    long WorkingSetBefore,
    long WorkingSetActive,
    int ActivationsActive,
    int ActivationsDeactivated,
    TimeSpan Elapsed)
{
    /// <summary>Resident managed bytes per active user (user grain and its accounts, with state).</summary>
    public double ResidentBytesPerUser => (double)(ManagedActive - ManagedDeactivated) / Users;

    /// <summary>Bytes per user the in-memory storage holds (absent with Redis or PostgreSQL).</summary>
    public double StorageBytesPerUser => (double)(ManagedDeactivated - ManagedBefore) / Users;

    /// <summary>Working-set growth per user while active (storage and runtime overheads included).</summary>
    public double WorkingSetBytesPerUser => (double)(WorkingSetActive - WorkingSetBefore) / Users;

    public double UsersPerSecond => Users / Elapsed.TotalSeconds;
}

/// <summary>
/// Measures the resident cost of a simulated user on an embedded silo: activates N users, each with
/// accounts, a deposit, a card authorization and consents (a steady-state user, not an empty grain),
/// then compares the managed heap and working set before and after, after full collections.
/// The silo must run in this process for the figures to mean anything.
/// </summary>
public static class MemoryProbe
{
    public static async Task<MemoryProbeResult> MeasureAsync(IGrainFactory grains, int users, int accountsPerUser, int parallelism,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(accountsPerUser, 1);
        var (managedBefore, workingSetBefore) = Settle();
        var clock = Stopwatch.StartNew();
        var next = -1;
        var done = 0;
        var workers = Enumerable.Range(0, Math.Max(1, parallelism)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < users)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ActivateUser(grains, i, accountsPerUser);
                var completed = Interlocked.Increment(ref done);
                if (completed % 1000 == 0)
                {
                    progress?.Report(completed);
                }
            }
        });
        await Task.WhenAll(workers);
        clock.Stop();
        var management = grains.GetGrain<IManagementGrain>(0);
        var active = await management.GetTotalActivationCount(cancellationToken);
        var (managedActive, workingSetActive) = Settle();

        await management.ForceActivationCollection(TimeSpan.Zero, cancellationToken);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var remaining = await management.GetTotalActivationCount(cancellationToken);
        while (remaining > active - users * (1 + accountsPerUser) * 9 / 10)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 5 minutes for the probe's {users * (1 + accountsPerUser)} grains to deactivate; {remaining} of {active} activations remain.");
            }

            await Task.Delay(200, cancellationToken);
            remaining = await management.GetTotalActivationCount(cancellationToken);
        }

        var (managedDeactivated, _) = Settle();
        return new MemoryProbeResult(users, accountsPerUser, managedBefore, managedActive, managedDeactivated,
            workingSetBefore, workingSetActive, active, remaining, clock.Elapsed);
    }

    private static async Task ActivateUser(IGrainFactory grains, int index, int accountsPerUser)
    {
        var userId = $"mem-u{index}";
        var user = grains.GetGrain<IUserGrain>(userId);
        await user.Register(new UserProfile($"User {index}", "en_US", "US", $"m{index}"));
        for (var a = 0; a < accountsPerUser; a++)
        {
            var bank = a % 2 == 0 ? "CHASE" : "CITI";
            var accountId = $"{bank}:mem-{index}-{a}";
            var account = grains.GetGrain<IAccountGrain>(accountId);
            await account.Open(userId, "USD");
            await user.LinkAccount(accountId);
            await account.Deposit($"salary-{index}-{a}", Money.Money.FromMinor(250_000, "USD"));
            await account.Authorize(new CardAuthorization($"card-{index}-{a}", Money.Money.FromMinor(1_999, "USD"), "M-42", 5411, "US"));
        }

        await user.GrantConsent("CHASE", ConsentPurpose.BalanceView, null, "user");
    }

    private static (long Managed, long WorkingSet) Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
