using Actors.Accounts;
using Actors.Domain;
using Actors.Domain.Fraud;
using Actors.Errors;
using Actors.Simulation.Traffic;

namespace Actors.Simulation.Fraud;

/// <summary>Sees one posting event of a ledger replay and its account's balance before and after it.</summary>
public delegate void PostingObserver(in TraceEvent e, long balanceBeforeMinor, long balanceAfterMinor);

/// <summary>What an offline ledger replay leaves: every account's balance, the money totals and the fraud scoreboard.</summary>
public sealed record LedgerReplayResult(
    IReadOnlyDictionary<string, long> Balances,
    long DepositedMinor,
    /// <summary>Approved card payments and ATM withdrawals.</summary>
    long SpentMinor,
    long Events,
    FraudScoreboard Fraud,
    TimeSpan Elapsed);

/// <summary>
/// Replays a trace through the accounts' own rules in this process — one <see cref="AccountLedger"/>
/// per account with the given fraud detector, each payment judged at its trace time, transfers as the
/// saga runs them (debit, credit, reversal of a refused credit) — without a cluster. The decisions are
/// those the account grains make for the same events in the same order, so fraud detection can be
/// scored on millions of events in seconds; the cluster replay fills the same scoreboard.
/// </summary>
public static class LedgerReplay
{
    public static LedgerReplayResult Run(IEnumerable<TraceEvent> events, IFraudDetector detector, AccountOptions? options = null) =>
        Run(events, detector, options, posted: null);

    /// <param name="posted">
    /// Called after every posting event (deposit, card authorization, transfer) with the balance of its
    /// <c>account_id</c> before and after it, as this replay computed them: what the trace's own
    /// balance columns (format 3) are checked against.
    /// </param>
    public static LedgerReplayResult Run(IEnumerable<TraceEvent> events, IFraudDetector detector, AccountOptions? options, PostingObserver? posted)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(detector);
        var accountOptions = options ?? new AccountOptions();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ledgers = new Dictionary<string, AccountLedger>(StringComparer.Ordinal);
        var homes = new Dictionary<string, string>(StringComparer.Ordinal);
        var scoreboard = new FraudScoreboard();
        var now = DateTimeOffset.UnixEpoch;
        long deposited = 0, spent = 0, count = 0;
        foreach (var e in events)
        {
            count++;
            now = DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs);
            var before = posted is not null && e.Type.IsPosting() ? BalanceOf(ledgers, e.AccountId) : 0;
            switch (e.Type)
            {
                case EventType.UserRegistered:
                    homes[e.UserId!] = e.Country!;
                    break;
                case EventType.AccountOpened:
                    // As on the silo: the user grain pushes the owner's home country when it links the account.
                    var ledger = new AccountLedger(e.AccountId!, new AccountState(), accountOptions, detector);
                    ledger.Open(e.UserId!, e.Currency!, now);
                    ledger.UpdateMessengerConsent(new MessengerConsentSnapshot(e.UserId, null, null, homes.GetValueOrDefault(e.UserId!)));
                    ledgers[e.AccountId!] = ledger;
                    break;
                case EventType.InitialDeposit or EventType.SalaryDeposit or EventType.Refund:
                    if (Post(ledgers, e.AccountId!, PostingKind.Deposit, e.TransactionId, e, null, now))
                    {
                        deposited += e.AmountMinor;
                    }

                    break;
                case EventType.AtmWithdrawal:
                    // Cash leaves the accounts as a card payment's amount does; no fraud rule judges it (the grain's Withdraw has none).
                    if (Post(ledgers, e.AccountId!, PostingKind.Withdrawal, e.TransactionId, e, null, now))
                    {
                        spent += e.AmountMinor;
                    }

                    break;
                case EventType.CardAuthorization:
                    var decision = Authorize(ledgers, e, now);
                    scoreboard.Record(e.Fraud, decision, e.Episode, e.UserId);
                    if (decision is CardDecision.Approved or CardDecision.ApprovedWithAlert)
                    {
                        spent += e.AmountMinor;
                    }

                    break;
                case EventType.Transfer:
                    // As the transfer saga does: an account in another currency refuses the transfer before any posting.
                    if (!InCurrency(ledgers, e.AccountId!, e) || !InCurrency(ledgers, e.CounterAccountId!, e))
                    {
                        break;
                    }

                    if (Post(ledgers, e.AccountId!, PostingKind.TransferDebit, TransferSaga.DebitId(e.TransactionId), e, e.CounterAccountId, now)
                        && !Post(ledgers, e.CounterAccountId!, PostingKind.TransferCredit, TransferSaga.CreditId(e.TransactionId), e, e.AccountId, now))
                    {
                        Post(ledgers, e.AccountId!, PostingKind.Reversal, TransferSaga.ReversalId(e.TransactionId), e, e.CounterAccountId, now);
                    }

                    break;
            }

            if (posted is not null && e.Type.IsPosting())
            {
                posted(e, before, BalanceOf(ledgers, e.AccountId));
            }
        }

        return new LedgerReplayResult(
            ledgers.ToDictionary(p => p.Key, p => p.Value.State.BalanceMinor, StringComparer.Ordinal),
            deposited, spent, count, scoreboard, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    private static long BalanceOf(Dictionary<string, AccountLedger> ledgers, string? accountId) =>
        accountId is not null && ledgers.TryGetValue(accountId, out var ledger) ? ledger.State.BalanceMinor : 0;

    private static CardDecision Authorize(Dictionary<string, AccountLedger> ledgers, in TraceEvent e, DateTimeOffset now)
    {
        if (!ledgers.TryGetValue(e.AccountId!, out var ledger))
        {
            return CardDecision.Failed;
        }

        var request = new CardAuthorization(e.TransactionId, Money(e), e.MerchantId!, e.Mcc, e.Country!, now, CardPresent: e.Device == 0, Device: e.Device);
        return CardDecisions.Of(ledger.Authorize(request, now));
    }

    /// <summary>A posting as the grain would answer it; a typed error (unknown account, other currency) is a refusal.</summary>
    private static bool Post(Dictionary<string, AccountLedger> ledgers, string accountId, PostingKind kind, string transactionId, in TraceEvent e, string? counterparty, DateTimeOffset now)
    {
        if (!ledgers.TryGetValue(accountId, out var ledger))
        {
            return false;
        }

        try
        {
            return ledger.Post(kind, transactionId, Money(e), counterparty, now).Approved;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    // An unknown account is no refusal here: its leg fails as the grain's would.
    private static bool InCurrency(Dictionary<string, AccountLedger> ledgers, string accountId, in TraceEvent e) =>
        !ledgers.TryGetValue(accountId, out var ledger) || ledger.State.Currency == Actors.Money.Currency.Parse(e.Currency);

    private static Money.Money Money(in TraceEvent e) => new(e.AmountMinor, Actors.Money.Currency.Parse(e.Currency));
}
