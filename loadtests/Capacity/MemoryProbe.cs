using System.Diagnostics;
using Actors.Accounts;
using Actors.Hosting;
using Actors.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
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
    int PostingsPerAccount,
    long ManagedBefore,
    long ManagedActive,
    long ManagedDeactivated,
    long WorkingSetBefore,
    long WorkingSetActive,
    int ActivationsActive,
    int ActivationsDeactivated,
    TimeSpan Elapsed,
    long StoreBytesAdded = 0)
{
    /// <summary>Resident managed bytes per active user (user grain and its accounts, with state).</summary>
    public double ResidentBytesPerUser => (double)(ManagedActive - ManagedDeactivated) / Users;

    /// <summary>
    /// Bytes per user the in-process storage holds (absent with Redis or PostgreSQL): its managed index, plus the state
    /// bytes it keeps outside the managed heap when it reports them (<c>storeBytes</c>).
    /// </summary>
    public double StorageBytesPerUser => (double)(ManagedDeactivated - ManagedBefore + StoreBytesAdded) / Users;

    /// <summary>Working-set growth per user while active (storage and runtime overheads included).</summary>
    public double WorkingSetBytesPerUser => (double)(WorkingSetActive - WorkingSetBefore) / Users;

    public double UsersPerSecond => Users / Elapsed.TotalSeconds;
}

/// <summary>
/// Measures the resident cost of a simulated user on an embedded silo: activates N users, each with
/// accounts, consents and traffic, then compares the managed heap and working set before and after,
/// after full collections. The silo must run in this process for the figures to mean anything.
/// <para>
/// The user is made to look like one after days of traffic, not like a fresh grain: it consents to balance views
/// and transaction notifications for its first bank (as most of the load tests' population does), and each account
/// takes <see cref="DefaultPostingsPerAccount"/> postings (a card authorization, the rest deposits, which the fraud
/// rules do not see, so no alerts): the idempotency window is full-size from the start; 12 postings leave half a
/// history page pending in the hot state, and the first bank's 12 notifications most of an inbox page open.
/// </para>
/// </summary>
public static class MemoryProbe
{
    /// <summary>Postings per account: 12 leaves 4 history entries pending (pages of 8) and 12 inbox messages open (pages of 16).</summary>
    public const int DefaultPostingsPerAccount = 12;

    public static async Task<MemoryProbeResult> MeasureAsync(IGrainFactory grains, int users, int accountsPerUser, int parallelism,
        int postingsPerAccount = DefaultPostingsPerAccount, Func<long>? storeBytes = null, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(accountsPerUser, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(postingsPerAccount, 1);
        var (managedBefore, workingSetBefore) = Settle();
        var storeBefore = storeBytes?.Invoke() ?? 0;
        var clock = Stopwatch.StartNew();
        var next = -1;
        var done = 0;
        var workers = Enumerable.Range(0, Math.Max(1, parallelism)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < users)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ActivateUser(grains, i, accountsPerUser, postingsPerAccount);
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

        try
        {
            await management.ForceActivationCollection(TimeSpan.Zero, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Millions of activations take longer to collect than a grain call may wait (seen at 1,000,000 users, 3 M
            // activations: the call timed out after 30 s); the silo goes on collecting, and the count below tells when.
        }

        var wait = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(active / 10_000.0); // a minute more per 600,000 activations
        var deadline = DateTime.UtcNow + wait;
        var remaining = await management.GetTotalActivationCount(cancellationToken);
        while (remaining > active - users * (1 + accountsPerUser) * 9 / 10)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {wait.TotalMinutes:N1} minutes for the probe's {users * (1 + accountsPerUser)} grains to deactivate; {remaining} of {active} activations remain.");
            }

            await Task.Delay(200, cancellationToken);
            remaining = await management.GetTotalActivationCount(cancellationToken);
        }

        // The count falls before the silo has let go of everything the deactivated grains held (seen at 1,000,000 users:
        // right after the last deactivation the heap was larger than with every grain active). Measure until it settles.
        var managedDeactivated = Settle().Managed;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var again = Settle().Managed;
            var settled = again > managedDeactivated - managedDeactivated / 100;
            managedDeactivated = Math.Min(managedDeactivated, again);
            if (settled && managedDeactivated < managedActive)
            {
                break;
            }
        }

        if (managedDeactivated >= managedActive)
        {
            throw new InvalidOperationException(
                $"The managed heap did not shrink after the probe's grains were deactivated ({managedActive:N0} bytes active, {managedDeactivated:N0} after, "
                + $"waited until {deadline:HH:mm:ss} UTC): the grains' share cannot be told from the storage's. Active minus the baseline was "
                + $"{(managedActive - managedBefore) / (double)users:N0} bytes a user, storage included.");
        }

        return new MemoryProbeResult(users, accountsPerUser, postingsPerAccount, managedBefore, managedActive, managedDeactivated,
            workingSetBefore, workingSetActive, active, remaining, clock.Elapsed, (storeBytes?.Invoke() ?? 0) - storeBefore);
    }

    private static async Task ActivateUser(IGrainFactory grains, int index, int accountsPerUser, int postingsPerAccount)
    {
        var userId = $"mem-u{index}";
        var user = grains.GetGrain<IUserGrain>(userId);
        await user.Register(new UserProfile($"User {index}", "en_US", "US", $"m{index}"));
        await user.GrantConsent("CHASE", ConsentPurpose.BalanceView, null, "user");
        await user.GrantConsent("CHASE", ConsentPurpose.TransactionNotifications, null, "user");
        for (var a = 0; a < accountsPerUser; a++)
        {
            var bank = a % 2 == 0 ? "CHASE" : "CITI";
            var accountId = $"{bank}:mem-{index}-{a}";
            var account = grains.GetGrain<IAccountGrain>(accountId);
            await account.Open(userId, "USD");
            await user.LinkAccount(accountId);
            await account.Deposit($"salary-{index}-{a}", Money.Money.FromMinor(250_000, "USD"));
            await account.Authorize(new CardAuthorization($"card-{index}-{a}", Money.Money.FromMinor(1_999, "USD"), "M-42", 5411, "US"));
            for (var p = 2; p < postingsPerAccount; p++)
            {
                await account.Deposit($"dep-{index}-{a}-{p}", Money.Money.FromMinor(100 + p, "USD"));
            }
        }
    }

    /// <summary>The state bytes an embedded silo's process-memory store holds outside the managed heap, when that is its store.</summary>
    public static Func<long>? StoreBytes(ActorsCluster cluster) =>
        cluster.Services.GetKeyedService<IGrainStorage>(ActorsConstants.StorageName) is ProcessMemoryGrainStorage store ? () => store.Bytes : null;

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
