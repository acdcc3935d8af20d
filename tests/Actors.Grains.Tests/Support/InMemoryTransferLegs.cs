using Actors.Accounts;
using Actors.Domain;
using Actors.Transfers;

namespace Actors.Tests.Support;

/// <summary>
/// Transfer legs backed by real <see cref="AccountLedger"/> instances instead of account grains.
/// An id nobody opened answers like a fresh grain activation would (AccountNotFound). One fault can
/// be armed at a time; it fires on the first matching leg call and then disarms itself. Every leg
/// posting that actually moved money is logged, so a test can tell how much a transfer holds.
/// </summary>
internal sealed class InMemoryTransferLegs(TimeProvider time) : ITransferLegs
{
    private readonly Dictionary<string, AccountLedger> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _movedByTransactionId = new(StringComparer.Ordinal);

    public LegFault ArmedFault { get; set; }

    public IEnumerable<AccountLedger> Accounts => _accounts.Values;

    public void Add(AccountLedger ledger) => _accounts.Add(ledger.AccountId, ledger);

    public AccountLedger Account(string accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var ledger))
        {
            ledger = TestAccounts.Unopened(accountId);
            _accounts.Add(accountId, ledger);
        }

        return ledger;
    }

    /// <summary>Money a transfer has taken from its source and neither delivered nor given back yet.</summary>
    public long HeldBy(string transferId) =>
        Moved(TransferSaga.DebitId(transferId)) - Moved(TransferSaga.CreditId(transferId)) - Moved(TransferSaga.ReversalId(transferId));

    public Task<Money.Currency?> CurrencyOf(string accountId) =>
        Task.FromResult(Account(accountId).State.Opened ? Account(accountId).State.Currency : (Money.Currency?)null);

    public Task<PostingResult> Debit(string accountId, string transactionId, Money.Money amount, string counterparty) =>
        Apply(PostingKind.TransferDebit, LegFault.DebitBeforeCall, LegFault.DebitLostReply, accountId, transactionId, amount, counterparty);

    public Task<PostingResult> Credit(string accountId, string transactionId, Money.Money amount, string counterparty) =>
        Apply(PostingKind.TransferCredit, LegFault.CreditBeforeCall, LegFault.CreditLostReply, accountId, transactionId, amount, counterparty);

    public Task<PostingResult> Reverse(string accountId, string transactionId, Money.Money amount, string counterparty) =>
        Apply(PostingKind.Reversal, LegFault.ReverseBeforeCall, LegFault.ReverseLostReply, accountId, transactionId, amount, counterparty);

    private long Moved(string transactionId) => _movedByTransactionId.GetValueOrDefault(transactionId);

    // Answers as a grain call does: errors come back as a faulted task, never as a synchronous throw.
    private Task<PostingResult> Apply(PostingKind kind, LegFault before, LegFault lostReply, string accountId, string transactionId, Money.Money amount, string counterparty)
    {
        try
        {
            Fire(before, transactionId);
            var result = Account(accountId).Post(kind, transactionId, amount, counterparty, time.GetUtcNow());
            if (result.Approved && !result.Replayed)
            {
                _movedByTransactionId[transactionId] = Moved(transactionId) + amount.Minor;
            }

            Fire(lostReply, transactionId);
            return Task.FromResult(result);
        }
        catch (Exception e)
        {
            return Task.FromException<PostingResult>(e);
        }
    }

    private void Fire(LegFault fault, string transactionId)
    {
        if (ArmedFault == fault)
        {
            ArmedFault = LegFault.None;
            throw new TransientLegException($"injected {fault} on {transactionId}");
        }
    }
}
