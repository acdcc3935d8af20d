using Actors.Accounts;
using Actors.Domain;

namespace Actors.Tests.Support;

/// <summary>
/// Everything observable about an account's state, as one comparable value: taken before and after
/// a refused operation, the two must be equal (balance, counters, pending history and page filters, history).
/// </summary>
internal sealed record LedgerFingerprint(
    bool Opened,
    long BalanceMinor,
    long Postings,
    AccountStatus Status,
    string? FrozenReason,
    long CreditedMinor,
    long DebitedMinor,
    string Pending,
    string Filters,
    int HistoryCount,
    FraudState Fraud)
{
    public static LedgerFingerprint Of(AccountLedger ledger)
    {
        var state = ledger.State;
        return new LedgerFingerprint(
            state.Opened,
            state.BalanceMinor,
            state.Postings,
            state.Status,
            state.FrozenReason,
            state.CreditedMinor,
            state.DebitedMinor,
            Convert.ToHexString(state.PendingPacked),
            Convert.ToHexString(state.HistoryFilters),
            ledger.IsOpen ? ledger.History(int.MaxValue).Count : 0,
            state.Fraud);
    }
}
