using System.Collections.Concurrent;
using Actors.Accounts;
using Actors.Errors;
using Actors.Money;
using Actors.Transfers;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// A bounded load of card authorizations and transfers over a fixed set of accounts, for fault tests.
/// Every operation has its own id and is retried with that same id until it has an answer, as a
/// careful client would: the accounts' and transfers' idempotency must turn retries into exactly-once
/// effects. Records each accepted operation, so the expected balances can be computed afterwards.
/// </summary>
public sealed class BankLoad(IGrainFactory grains, string tag, int accounts)
{
    public const long OpeningMinor = 1_000_00;
    private static readonly TimeSpan OperationDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<string, Accepted> _accepted = new();
    private long _completed;
    private long _failedCalls;

    public IReadOnlyList<string> Accounts { get; } = Enumerable.Range(0, accounts).Select(i => $"LOADBANK:{tag}-{i}").ToArray();

    /// <summary>Operations answered so far (accepted or declined).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Calls that threw (silo gone, timeout, ...) and were retried.</summary>
    public long FailedCalls => Interlocked.Read(ref _failedCalls);

    public IReadOnlyDictionary<string, Accepted> AcceptedOperations => _accepted;

    public async Task OpenAccountsAsync()
    {
        await Task.WhenAll(Accounts.Select(async account =>
        {
            var grain = grains.GetGrain<IAccountGrain>(account);
            await grain.Open($"owner-{tag}", "USD");
            await grain.Deposit($"open-{account.Replace(':', '-')}", new Money.Money(OpeningMinor, Currency.USD));
        }));
    }

    /// <summary>Runs <paramref name="workers"/> callers until <paramref name="stop"/> is cancelled; each finishes its current operation first.</summary>
    public Task RunAsync(int workers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkerAsync(w, stop), CancellationToken.None)));

    /// <summary>What every account's balance must be, from the opening deposits and the accepted operations.</summary>
    public Dictionary<string, long> ExpectedBalances()
    {
        var expected = Accounts.ToDictionary(a => a, _ => OpeningMinor);
        foreach (var op in _accepted.Values)
        {
            expected[op.From] -= op.Minor;
            if (op.To is not null)
            {
                expected[op.To] += op.Minor;
            }
        }

        return expected;
    }

    private async Task WorkerAsync(int worker, CancellationToken stop)
    {
        var random = new Random(worker);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var from = Accounts[random.Next(Accounts.Count)];
            var minor = random.Next(100, 3_000);
            if (random.Next(10) < 6)
            {
                var id = $"card-{tag}-{worker}-{i}";
                var request = new CardAuthorization(id, new Money.Money(minor, Currency.USD), $"m-{random.Next(50)}", 5411, "US");
                var result = await RetryAsync(() => grains.GetGrain<IAccountGrain>(from).Authorize(request), id);
                if (result.Approved)
                {
                    _accepted[id] = new Accepted(id, PostingKind.CardAuthorization, from, null, minor);
                }
            }
            else
            {
                var to = Accounts[(Accounts.IndexOf(from) + 1 + random.Next(Accounts.Count - 1)) % Accounts.Count];
                var id = $"tr-{tag}-{worker}-{i}";
                var request = new TransferRequest(id, from, to, new Money.Money(minor, Currency.USD));
                var result = await RetryAsync(async () =>
                {
                    var answer = await grains.GetGrain<ITransferGrain>(id).Execute(request);
                    return answer.IsTerminal ? answer : throw new InvalidOperationException($"transfer {id} not finished yet: {answer}");
                }, id);
                if (result.Status == TransferStatus.Completed)
                {
                    _accepted[id] = new Accepted(id, PostingKind.TransferDebit, from, to, minor);
                }
            }

            Interlocked.Increment(ref _completed);
        }
    }

    private async Task<T> RetryAsync<T>(Func<Task<T>> call, string id)
    {
        var deadline = DateTime.UtcNow + OperationDeadline;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (DomainException)
            {
                throw; // a bad request is a test bug, not a fault to ride out
            }
            catch (Exception e) when (DateTime.UtcNow < deadline)
            {
                _ = e;
                Interlocked.Increment(ref _failedCalls);
                await Task.Delay(RetryPause, CancellationToken.None);
            }
        }
    }

    /// <summary>An operation the cluster accepted: <see cref="From"/> lost <see cref="Minor"/>, <see cref="To"/> (transfers) gained it.</summary>
    public sealed record Accepted(string Id, PostingKind Kind, string From, string? To, long Minor);
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return i;
            }
        }

        return -1;
    }
}
