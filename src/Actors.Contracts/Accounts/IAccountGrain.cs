using Orleans.Concurrency;

namespace Actors.Accounts;

/// <summary>
/// A bank account, keyed by its account id (BANK:local). Bad input throws
/// <see cref="Errors.DomainException"/> and changes nothing; business declines are answers.
/// </summary>
[Alias("Actors.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Opens the account for an owner in a currency. Opening again with the same owner and currency is a no-op.</summary>
    [Alias("Open")]
    Task<AccountSnapshot> Open(string ownerUserId, string currency);

    /// <summary>
    /// The account as it is now. Interleaves with a posting in progress (it may show the posting's
    /// effect while the write is still under way), so that a user grain reading its accounts and an
    /// account notifying its owner can never wait on each other.
    /// </summary>
    [Alias("GetSnapshot"), AlwaysInterleave]
    Task<AccountSnapshot> GetSnapshot();

    [Alias("Deposit")]
    Task<PostingResult> Deposit(string transactionId, Money.Money amount);

    [Alias("Withdraw")]
    Task<PostingResult> Withdraw(string transactionId, Money.Money amount);

    /// <summary>Approves or declines a card payment; a malformed request is declined with reason Invalid.</summary>
    [Alias("Authorize")]
    Task<PostingResult> Authorize(CardAuthorization request);

    /// <summary>Debit leg of a transfer (declines like a withdrawal).</summary>
    [Alias("TransferDebit")]
    Task<PostingResult> TransferDebit(string transactionId, Money.Money amount, string counterparty);

    /// <summary>Credit leg of a transfer (declined by a frozen or closed account).</summary>
    [Alias("TransferCredit")]
    Task<PostingResult> TransferCredit(string transactionId, Money.Money amount, string counterparty);

    /// <summary>Gives back a transfer debit; applied whatever the status, so money is never stranded.</summary>
    [Alias("Reverse")]
    Task<PostingResult> Reverse(string transactionId, Money.Money amount, string counterparty);

    [Alias("Freeze")]
    Task<AccountSnapshot> Freeze(string reason);

    [Alias("Unfreeze")]
    Task<AccountSnapshot> Unfreeze();

    /// <summary>Closes the account; only a zero balance can be closed.</summary>
    [Alias("Close")]
    Task<AccountSnapshot> Close();

    /// <summary>
    /// The newest history entries, newest first. Interleaves (like <see cref="GetSnapshot"/>): the user grain reads it
    /// for Messenger partners while the account may be waiting on that user grain to deliver a notification.
    /// </summary>
    [Alias("GetHistory"), AlwaysInterleave]
    Task<IReadOnlyList<HistoryEntry>> GetHistory(int max);

    /// <summary>The latest fraud alerts on this account (the bank side always sees them), newest first. Interleaves, as above.</summary>
    [Alias("GetAlerts"), AlwaysInterleave]
    Task<IReadOnlyList<FraudAlertRecord>> GetAlerts();

    /// <summary>The owner's answer to an alert: "not me" freezes the account, "it was me" clears it.</summary>
    [Alias("ResolveAlert")]
    Task<FraudAlertRecord> ResolveAlert(string transactionId, AlertFeedback feedback);

    /// <summary>
    /// Called by the owner's user grain whenever a consent for this bank changes. Interleaves with a posting that is
    /// waiting on that same user grain for a notification (otherwise each would wait for the other); the account's
    /// writes stay one at a time.
    /// </summary>
    [Alias("UpdateMessengerConsent"), AlwaysInterleave]
    Task UpdateMessengerConsent(MessengerConsentSnapshot snapshot);
}
