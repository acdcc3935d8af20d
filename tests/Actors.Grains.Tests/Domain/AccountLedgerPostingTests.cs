using Actors.Accounts;
using Actors.Errors;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

public sealed class AccountLedgerPostingTests
{
    [Fact]
    public void Deposit_applies_and_raises_the_balance()
    {
        var ledger = TestAccounts.Open();

        var result = ledger.Deposit("dep-1", 2_500);

        Assert.Equal(PostingOutcome.Applied, result.Outcome);
        Assert.Equal(DeclineReason.None, result.Reason);
        Assert.False(result.Replayed);
        Assert.Equal(Amounts.Usd(2_500), result.Balance);
        Assert.Equal(Amounts.Usd(2_500), ledger.Snapshot().Balance);
        Assert.Equal(1, ledger.Snapshot().Postings);
    }

    [Fact]
    public void Withdrawal_within_the_balance_applies()
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_000);

        var result = ledger.Withdraw("wd-1", 400);

        Assert.True(result.Approved);
        Assert.Equal(Amounts.Usd(600), ledger.Balance);
        Assert.Equal(1_000, ledger.State.CreditedMinor);
        Assert.Equal(400, ledger.State.DebitedMinor);
    }

    [Fact]
    public void Withdrawal_of_exactly_the_balance_leaves_zero()
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_000);

        Assert.True(ledger.Withdraw("wd-1", 1_000).Approved);
        Assert.Equal(0, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Withdrawal_beyond_the_balance_declines_with_insufficient_funds_and_moves_nothing()
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_000);

        var result = ledger.Withdraw("wd-1", 1_001);

        Assert.Equal(PostingOutcome.Declined, result.Outcome);
        Assert.Equal(DeclineReason.InsufficientFunds, result.Reason);
        Assert.Equal("insufficient funds", result.Message);
        Assert.Equal(Amounts.Usd(1_000), result.Balance);
        Assert.Equal(1_000, ledger.State.BalanceMinor);
        Assert.Equal(0, ledger.State.DebitedMinor);
    }

    [Theory]
    [InlineData(PostingKind.Deposit)]
    [InlineData(PostingKind.Withdrawal)]
    [InlineData(PostingKind.TransferDebit)]
    [InlineData(PostingKind.TransferCredit)]
    [InlineData(PostingKind.Reversal)]
    public void Zero_amount_is_refused_and_changes_nothing(PostingKind kind)
    {
        AssertRefusedUnchanged(kind, "tx-1", Amounts.Usd(0), DomainError.InvalidAmount, "must be positive", "0.00 USD");
    }

    [Theory]
    [InlineData(PostingKind.Deposit)]
    [InlineData(PostingKind.Withdrawal)]
    public void Negative_amount_is_refused_and_changes_nothing(PostingKind kind)
    {
        AssertRefusedUnchanged(kind, "tx-1", Amounts.Usd(-500), DomainError.InvalidAmount, "must be positive", "-5.00 USD");
    }

    [Theory]
    [InlineData(PostingKind.Deposit)]
    [InlineData(PostingKind.Withdrawal)]
    [InlineData(PostingKind.TransferCredit)]
    public void Amount_in_another_currency_is_refused_and_changes_nothing(PostingKind kind)
    {
        AssertRefusedUnchanged(kind, "tx-1", Amounts.Eur(100), DomainError.CurrencyMismatch, "BANK:001", "USD", "EUR");
    }

    [Fact]
    public void Amount_without_a_currency_is_refused_and_changes_nothing()
    {
        AssertRefusedUnchanged(PostingKind.Deposit, "tx-1", default, DomainError.UnknownCurrency, "no currency");
    }

    [Theory]
    [InlineData("")]
    [InlineData("tx 1")]
    [InlineData("tx/1")]
    public void Malformed_transaction_id_is_refused_and_changes_nothing(string transactionId)
    {
        AssertRefusedUnchanged(PostingKind.Deposit, transactionId, Amounts.Usd(100), DomainError.MalformedId, "transaction id");
    }

    [Fact]
    public void Deposit_that_would_overflow_the_balance_is_refused_and_changes_nothing()
    {
        var ledger = TestAccounts.Open(balanceMinor: long.MaxValue - 10);
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(DomainError.AmountOverflow, () => ledger.Deposit("dep-big", 11), "overflow", "BANK:001");

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
        Assert.True(ledger.Deposit("dep-fits", 10).Approved);
        Assert.Equal(long.MaxValue, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Postings_on_an_account_never_opened_are_refused_as_not_found()
    {
        var ledger = TestAccounts.Unopened("BANK:404");
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(DomainError.AccountNotFound, () => ledger.Post(PostingKind.Deposit, "dep-1", Amounts.Usd(100), null, TestAccounts.Now), "BANK:404", "never opened");
        DomainAssert.Throws(DomainError.AccountNotFound, () => ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(100)), TestAccounts.Now), "BANK:404");
        DomainAssert.Throws(DomainError.AccountNotFound, () => ledger.Snapshot(), "BANK:404");
        DomainAssert.Throws(DomainError.AccountNotFound, () => ledger.Freeze("why"), "BANK:404");
        DomainAssert.Throws(DomainError.AccountNotFound, () => ledger.Close(), "BANK:404");
        DomainAssert.Throws(DomainError.AccountNotFound, () => ledger.History(10), "BANK:404");

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }

    [Fact]
    public void A_ledger_for_a_malformed_account_id_cannot_exist()
    {
        DomainAssert.Throws(DomainError.MalformedId, () => TestAccounts.Unopened("not-an-account"), "'not-an-account'");
    }

    [Fact]
    public void Open_sets_owner_bank_currency_and_active_status()
    {
        var ledger = TestAccounts.Unopened("CHASE:000123");

        Assert.True(ledger.Open("alice", "EUR", TestAccounts.Now));

        var snapshot = ledger.Snapshot();
        Assert.Equal(("CHASE:000123", "alice", "CHASE", AccountStatus.Active), (snapshot.AccountId, snapshot.Owner, snapshot.Bank, snapshot.Status));
        Assert.Equal(Amounts.Eur(0), snapshot.Balance);
    }

    [Fact]
    public void Opening_again_for_the_same_owner_and_currency_is_a_no_op()
    {
        var ledger = TestAccounts.Open(balanceMinor: 700);

        Assert.False(ledger.Open(TestAccounts.Owner, "USD", TestAccounts.Now));
        Assert.Equal(700, ledger.State.BalanceMinor);
    }

    [Theory]
    [InlineData("bob", "USD")]
    [InlineData(TestAccounts.Owner, "EUR")]
    public void Opening_again_for_another_owner_or_currency_is_refused(string owner, string currency)
    {
        var ledger = TestAccounts.Open(balanceMinor: 700);
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(DomainError.AccountAlreadyExists, () => ledger.Open(owner, currency, TestAccounts.Now), "already open", TestAccounts.Owner);

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }

    [Fact]
    public void Open_with_a_malformed_owner_or_unknown_currency_is_refused_and_leaves_it_unopened()
    {
        var ledger = TestAccounts.Unopened();

        DomainAssert.Throws(DomainError.MalformedId, () => ledger.Open("alice smith", "USD", TestAccounts.Now), "owner user id");
        DomainAssert.Throws(DomainError.UnknownCurrency, () => ledger.Open("alice", "DOGE", TestAccounts.Now), "'DOGE'");

        Assert.False(ledger.IsOpen);
    }

    private static void AssertRefusedUnchanged(PostingKind kind, string transactionId, Money.Money amount, DomainError error, params string[] messageContains)
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_000);
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(error, () => ledger.Post(kind, transactionId, amount, null, TestAccounts.Now), messageContains);

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }
}
