using Actors.Accounts;
using Actors.Domain;
using Actors.Money;

namespace Actors.Tests.Support;

/// <summary>Builds ledgers over fresh state objects, as an account grain does on its first activation.</summary>
internal static class TestAccounts
{
    public const string Owner = "alice";

    /// <summary>A fixed instant: the domain rules take "now" as an argument, so tests never read a clock.</summary>
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public static AccountLedger Unopened(string accountId = "BANK:001", AccountOptions? options = null) =>
        new(accountId, new AccountState(), options ?? new AccountOptions());

    /// <summary>An open, active account holding <paramref name="balanceMinor"/> (deposited under id "opening").</summary>
    public static AccountLedger Open(long balanceMinor = 0, string accountId = "BANK:001", string currency = "USD", AccountOptions? options = null)
    {
        var ledger = Unopened(accountId, options);
        ledger.Open(Owner, currency, Now);
        if (balanceMinor > 0)
        {
            ledger.Post(PostingKind.Deposit, "opening", new Money.Money(balanceMinor, Currency.Parse(currency)), null, Now);
        }

        return ledger;
    }

    public static PostingResult Deposit(this AccountLedger ledger, string transactionId, long minor) =>
        ledger.Post(PostingKind.Deposit, transactionId, new Money.Money(minor, ledger.State.Currency), null, Now);

    public static PostingResult Withdraw(this AccountLedger ledger, string transactionId, long minor) =>
        ledger.Post(PostingKind.Withdrawal, transactionId, new Money.Money(minor, ledger.State.Currency), null, Now);

    public static PostingResult Pay(this AccountLedger ledger, string transactionId, long minor) =>
        ledger.Authorize(Card(transactionId, new Money.Money(minor, ledger.State.Currency)), Now);

    public static CardAuthorization Card(string transactionId, Money.Money amount) =>
        new(transactionId, amount, "merchant-42", 5411, "US");
}
