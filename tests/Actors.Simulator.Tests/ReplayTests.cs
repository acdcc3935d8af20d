using Actors.Accounts;
using Actors.Domain;
using Actors.Domain.Fraud;
using Actors.Hosting;
using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Replay;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary>Replays into an embedded in-process silo (free ports, in-memory storage).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Replay_accounts_for_every_event_and_leaves_the_balances_the_trace_implies()
    {
        // Chargebacks a day after the payment, plenty of label noise and refunds, so the trace holds some of each.
        var world = WorldBuilder.Build(new SimulationOptions { Seed = 3, Users = 60, Days = 3, Fraud = new FraudRates().ScaledTo(0.05), ChargebackDelayDays = 1, LabelNoise = 0.02, RefundRate = 0.1 });
        var path = await TestSupport.WriteAsync(world, _folder.Path, "replay.parquet");
        var events = new TrafficGenerator(world).ToArray();
        var chargebacks = events.Count(e => e.Type == EventType.Chargeback);
        var refunds = events.Count(e => e.Type == EventType.Refund);
        var atm = events.Count(e => e.Type == EventType.AtmWithdrawal);
        Assert.True(chargebacks > 0 && refunds > 0 && atm > 0, $"{chargebacks} chargebacks, {refunds} refunds, {atm} ATM withdrawals");

        await using var cluster = await ActorsCluster.StartEmbeddedAsync();
        ReplayResult result;
        await using (var reader = await TraceFile.OpenAsync(path))
        {
            result = await new TraceReplayer(cluster.Grains, new ReplayOptions { MaxConcurrency = 32 }).ReplayAsync(reader.ReadEventsAsync());
        }

        Assert.Equal(events.Length, result.Total);
        Assert.Equal(result.Total, result.Applied + result.Declined + result.Failed + result.Skipped);
        Assert.True(result.Failed == 0, string.Join("; ", result.FailureExamples));
        // Chargebacks are labels, not postings: skipped, so they move no money.
        Assert.Equal(world.MerchantCount + chargebacks, result.Skipped);
        Assert.Equal(chargebacks, result.Count(EventType.Chargeback, ReplayOutcome.Skipped));
        Assert.Equal(refunds, result.Count(EventType.Refund, ReplayOutcome.Applied));
        Assert.Equal(atm, result.Count(EventType.AtmWithdrawal, ReplayOutcome.Applied) + result.Count(EventType.AtmWithdrawal, ReplayOutcome.Declined));
        Assert.Equal(world.AccountCount, result.Count(EventType.AccountOpened, ReplayOutcome.Applied));
        foreach (var label in TraceNames.AllFraudLabels)
        {
            var cards = events.Count(e => e.Type == EventType.CardAuthorization && e.Fraud == label);
            Assert.Equal(cards, result.Cards(label, ReplayOutcome.Applied) + result.Cards(label, ReplayOutcome.Declined));
        }

        var (expected, deposited, spent) = ExpectedBalances(events);
        long total = 0;
        foreach (var (account, balance) in expected)
        {
            var snapshot = await cluster.Grains.GetGrain<IAccountGrain>(account).GetSnapshot();
            Assert.Equal(balance, snapshot.Balance.Minor);
            total += snapshot.Balance.Minor;
        }

        // Money conservation: transfers only move money, so the total is deposits and refunds minus card payments and cash.
        Assert.Equal(deposited - spent, total);
    }

    [Fact]
    public async Task Live_replay_from_the_command_line_exits_0()
    {
        Assert.Equal(ExitCodes.Ok, await SimulatorCommand.RunAsync(["replay", "--live", "--seed", "5", "--users", "25", "--days", "1"]));
    }

    /// <summary>
    /// The balances a sequential replay must leave, computed in plain C# with the same domain rules
    /// (AccountLedger with the silo's default fraud detector, judging each payment at its trace time)
    /// and the same transfer steps as the saga: debit, credit, reverse on a refused credit.
    /// </summary>
    private static (Dictionary<string, long> Balances, long Deposited, long Spent) ExpectedBalances(IEnumerable<TraceEvent> events)
    {
        var ledgers = new Dictionary<string, AccountLedger>(StringComparer.Ordinal);
        var homes = new Dictionary<string, string>(StringComparer.Ordinal);
        var detector = new RuleBasedDetector(new FraudOptions());
        var now = DateTimeOffset.UnixEpoch;
        long deposited = 0, spent = 0;
        foreach (var e in events)
        {
            switch (e.Type)
            {
                case EventType.UserRegistered:
                    homes[e.UserId!] = e.Country!;
                    break;
                case EventType.AccountOpened:
                    // The silo's default detector, and the owner's home country the user grain pushes on linking.
                    var ledger = new AccountLedger(e.AccountId!, new AccountState(), new AccountOptions(), detector);
                    ledger.Open(e.UserId!, e.Currency!, now);
                    ledger.UpdateMessengerConsent(new MessengerConsentSnapshot(e.UserId, null, null, homes[e.UserId!]));
                    ledgers[e.AccountId!] = ledger;
                    break;
                // A refund is credited as a deposit (money from the merchant, outside the accounts).
                case EventType.InitialDeposit or EventType.SalaryDeposit or EventType.Refund:
                    if (ledgers[e.AccountId!].Post(PostingKind.Deposit, e.TransactionId, Money(e), null, now).Approved)
                    {
                        deposited += e.AmountMinor;
                    }

                    break;
                case EventType.AtmWithdrawal:
                    if (ledgers[e.AccountId!].Post(PostingKind.Withdrawal, e.TransactionId, Money(e), null, now).Approved)
                    {
                        spent += e.AmountMinor;
                    }

                    break;
                case EventType.CardAuthorization:
                    if (ledgers[e.AccountId!].Authorize(new CardAuthorization(e.TransactionId, Money(e), e.MerchantId!, e.Mcc, e.Country!, DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs), CardPresent: e.Device == 0, Device: e.Device), now).Approved)
                    {
                        spent += e.AmountMinor;
                    }

                    break;
                case EventType.Transfer:
                    var from = ledgers[e.AccountId!];
                    var to = ledgers[e.CounterAccountId!];
                    if (from.Post(PostingKind.TransferDebit, TransferSaga.DebitId(e.TransactionId), Money(e), e.CounterAccountId, now).Approved
                        && !to.Post(PostingKind.TransferCredit, TransferSaga.CreditId(e.TransactionId), Money(e), e.AccountId, now).Approved)
                    {
                        from.Post(PostingKind.Reversal, TransferSaga.ReversalId(e.TransactionId), Money(e), e.CounterAccountId, now);
                    }

                    break;
            }
        }

        return (ledgers.ToDictionary(p => p.Key, p => p.Value.State.BalanceMinor, StringComparer.Ordinal), deposited, spent);
    }

    private static Money.Money Money(in TraceEvent e) => new(e.AmountMinor, Actors.Money.Currency.Parse(e.Currency));
}
