using Actors.Accounts;
using Actors.Domain;

namespace Actors.Tests.Support;

/// <summary>
/// Everything observable about an account's state, as one comparable value: taken before and after
/// a refused operation, the two must be equal (balance, counters, idempotency window, history).
/// </summary>
internal sealed record LedgerFingerprint(
    bool Opened,
    long BalanceMinor,
    long Postings,
    AccountStatus Status,
    string? FrozenReason,
    long CreditedMinor,
    long DebitedMinor,
    int RecentNext,
    string Recent,
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
            state.RecentNext,
            string.Join('|', PostingWindow.Keys(state.RecentKeys)),
            ledger.IsOpen ? ledger.History(int.MaxValue).Count : 0,
            state.Fraud);
    }
}
