using Actors.Accounts;
using Actors.Errors;
using Actors.Hosting;
using Actors.Simulation.Fraud;
using Actors.Simulation.Replay;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary>
/// Traces on which the ledger and the cluster replay used to decide differently (exit 0 against exit 1,
/// a crash, a reset balance, an overtaken salary) are refused by the reader before either engine runs:
/// both refuse with the same row named and nothing is applied.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayAgreementTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private ActorsCluster? _cluster;

    public static TheoryData<string> Cases => ["never_opened_account", "unknown_currency", "duplicate_account_opened", "card_without_user"];

    public async Task InitializeAsync() => _cluster = await ActorsCluster.StartEmbeddedAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Both_engines_refuse_the_trace_naming_the_same_row_and_apply_nothing(string name)
    {
        var world = TestSupport.Small(seed: 21, users: 30, days: 1);
        var events = new TrafficGenerator(world).ToArray();
        var (row, problem) = Break(events, name);
        var path = await TestSupport.WriteAsync(world, _folder.Path, name + ".parquet", events);
        var gateway = _cluster!.Description[(_cluster.Description.IndexOf("gateway ", StringComparison.Ordinal) + "gateway ".Length)..].TrimEnd(')');

        var ledger = await ConsoleCapture.RunAsync(() => SimulatorCommand.RunAsync(["replay", path, "--engine", "ledger"]));
        var cluster = await ConsoleCapture.RunAsync(() => SimulatorCommand.RunAsync(["replay", path, "--gateway", gateway, "--cluster-id", "embedded"]));

        foreach (var (exit, errors) in new[] { ledger, cluster })
        {
            Assert.True(exit == ExitCodes.BadArguments, $"exit {exit}: {errors}");
            Assert.Contains($"{path}: row {row}: {problem}", errors, StringComparison.Ordinal);
            Assert.Contains("Nothing was applied", errors, StringComparison.Ordinal);
        }

        foreach (var account in events.Where(e => e.Type == EventType.AccountOpened).Select(e => e.AccountId!))
        {
            var never = await Assert.ThrowsAsync<DomainException>(() => _cluster.Grains.GetGrain<IAccountGrain>(account).GetSnapshot());
            Assert.Equal(DomainError.AccountNotFound, never.Error);
        }
    }

    [Fact]
    public async Task A_transfer_into_an_account_in_another_currency_moves_no_money_in_either_engine()
    {
        // Transfers are refused before any posting when an account is in another currency (the saga's rule): the
        // cluster counts a currency_mismatch decline, the ledger engine posts nothing, and the balances agree.
        var world = TestSupport.Small(seed: 23, users: 60, days: 1);
        var events = new TrafficGenerator(world).ToArray();
        var currencyOf = events.Where(e => e.Type == EventType.AccountOpened).ToDictionary(e => e.AccountId!, e => e.Currency!, StringComparer.Ordinal);
        var transfer = Array.FindIndex(events, e => e.Type == EventType.Transfer);
        Assert.True(transfer >= 0, "the simulated day has a transfer");
        var foreign = currencyOf.First(p => p.Value != events[transfer].Currency).Key;
        events[transfer] = events[transfer] with { CounterAccountId = foreign };
        var from = events[transfer].AccountId!;

        await using var cluster = await ActorsCluster.StartEmbeddedAsync();
        var onCluster = await new TraceReplayer(cluster.Grains, new ReplayOptions { MaxConcurrency = 1 }).ReplayAsync(events);
        var offline = LedgerReplay.Run(events, FraudDetection.Default());

        Assert.Equal(0, onCluster.Failed);
        Assert.Equal(1, onCluster.DeclineReasons.GetValueOrDefault("currency_mismatch"));
        foreach (var account in new[] { from, foreign })
        {
            var snapshot = await cluster.Grains.GetGrain<IAccountGrain>(account).GetSnapshot();
            Assert.Equal(offline.Balances[account], snapshot.Balance.Minor);
            Assert.DoesNotContain(await cluster.Grains.GetGrain<IAccountGrain>(account).GetHistory(1_000),
                entry => entry.TransactionId.Contains(events[transfer].TransactionId, StringComparison.Ordinal));
        }
    }

    /// <summary>Breaks the trace the way the case says; returns the row that must be named and the start of the problem.</summary>
    private static (int Row, string Problem) Break(TraceEvent[] events, string name)
    {
        var card = Array.FindIndex(events, e => e.Type == EventType.CardAuthorization);
        var opened = Array.FindIndex(events, e => e.Type == EventType.AccountOpened);
        switch (name)
        {
            case "never_opened_account":
                events[card] = events[card] with { AccountId = "CHASE:999999999" };
                return (card, "card_authorization event posts to account CHASE:999999999, which no earlier account_opened opened");
            case "unknown_currency":
                events[opened] = events[opened] with { Currency = "XYZ" };
                return (opened, "account_opened event has unknown currency 'XYZ'");
            case "duplicate_account_opened":
                var last = events.Length - 1;
                events[last] = events[opened] with { Seq = events[last].Seq, TimeMs = events[last].TimeMs };
                return (last, $"account_opened event opens account {events[opened].AccountId} a second time");
            case "card_without_user":
                events[card] = events[card] with { UserId = null };
                return (card, "card_authorization event has no user_id");
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such case");
        }
    }
}
