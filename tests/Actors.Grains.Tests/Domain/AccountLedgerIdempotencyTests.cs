using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

public sealed class AccountLedgerIdempotencyTests
{
    [Fact]
    public void Repeated_deposit_returns_the_first_result_replayed_and_changes_nothing()
    {
        var ledger = TestAccounts.Open();
        var first = ledger.Deposit("dep-1", 500);
        var before = LedgerFingerprint.Of(ledger);

        var again = ledger.Deposit("dep-1", 500);

        Assert.True(again.Replayed);
        Assert.Equal(first with { Replayed = true }, again);
        Assert.Equal(before, LedgerFingerprint.Of(ledger));
        Assert.Equal(500, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Replay_answers_with_the_balance_of_the_first_posting_not_the_current_one()
    {
        var ledger = TestAccounts.Open();
        ledger.Deposit("dep-1", 500);
        ledger.Deposit("dep-2", 300);

        var again = ledger.Deposit("dep-1", 500);

        Assert.Equal(Amounts.Usd(500), again.Balance);
        Assert.Equal(800, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Repeated_declined_posting_stays_declined_even_once_funds_arrive()
    {
        var ledger = TestAccounts.Open(balanceMinor: 100);
        var first = ledger.Withdraw("wd-1", 500);
        ledger.Deposit("dep-1", 1_000);
        var before = LedgerFingerprint.Of(ledger);

        var again = ledger.Withdraw("wd-1", 500);

        Assert.Equal(PostingOutcome.Declined, first.Outcome);
        Assert.True(again.Replayed);
        Assert.Equal(PostingOutcome.Declined, again.Outcome);
        Assert.Equal(DeclineReason.InsufficientFunds, again.Reason);
        Assert.Equal("insufficient funds", again.Message);
        Assert.Equal(Amounts.Usd(100), again.Balance);
        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }

    [Fact]
    public void Repeated_card_authorization_is_replayed_without_counting_it_twice()
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_000);
        ledger.Pay("card-1", 250);
        var before = LedgerFingerprint.Of(ledger);

        var again = ledger.Pay("card-1", 250);

        Assert.True(again.Replayed);
        Assert.True(again.Approved);
        Assert.Equal(before, LedgerFingerprint.Of(ledger));
        Assert.Equal(1, ledger.State.Fraud.Authorizations);
    }

    [Fact]
    public void Same_transaction_id_with_another_amount_is_refused_as_reused()
    {
        var ledger = TestAccounts.Open();
        ledger.Deposit("dep-1", 500);
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(DomainError.TransactionIdReused, () => ledger.Deposit("dep-1", 501), "'dep-1'", "5.01 USD given", "same kind");

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }

    [Fact]
    public void Same_transaction_id_for_another_kind_is_refused_as_reused()
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_000);
        ledger.Deposit("tx-1", 500);
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(DomainError.TransactionIdReused, () => ledger.Withdraw("tx-1", 500), "'tx-1'", "Deposit");

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }

    [Fact]
    public void Same_transaction_id_with_another_amount_is_refused_also_after_a_decline()
    {
        var ledger = TestAccounts.Open(balanceMinor: 100);
        ledger.Withdraw("wd-1", 500);

        DomainAssert.Throws(DomainError.TransactionIdReused, () => ledger.Withdraw("wd-1", 50), "'wd-1'");
    }

    [Fact]
    public void Repeat_after_more_postings_than_the_old_window_is_still_replayed()
    {
        var ledger = TestAccounts.Open(options: new AccountOptions { IdempotencyWindow = 4 });
        ledger.Deposit("dep-0", 100);
        for (var i = 1; i <= 40; i++)
        {
            ledger.Deposit($"dep-{i}", 1);
        }

        var before = LedgerFingerprint.Of(ledger);
        var late = ledger.Deposit("dep-0", 100);

        Assert.True(late.Replayed);
        Assert.Equal(Amounts.Usd(100), late.Balance);
        Assert.Equal(before, LedgerFingerprint.Of(ledger));
        Assert.Equal(140, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Repeat_inside_the_horizon_is_replayed_and_one_past_it_is_refused_as_expired()
    {
        var options = new AccountOptions { IdempotencyHorizon = TimeSpan.FromHours(24) };
        var ledger = TestAccounts.Open(options: options);
        ledger.Deposit("dep-0", 100);

        var justInside = ledger.Post(PostingKind.Deposit, "dep-0", Amounts.Usd(100), null, TestAccounts.Now.AddHours(24));
        Assert.True(justInside.Replayed);
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(DomainError.TransactionIdExpired,
            () => ledger.Post(PostingKind.Deposit, "dep-0", Amounts.Usd(100), null, TestAccounts.Now.AddHours(24).AddTicks(1)),
            "transaction_id_expired", "'dep-0'", "new id");
        DomainAssert.Throws(DomainError.TransactionIdExpired, () => ledger.Authorize(TestAccounts.Card("dep-0", Amounts.Usd(100)), TestAccounts.Now.AddDays(2)));

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
        Assert.Equal(100, ledger.State.BalanceMinor);
    }

    [Fact]
    public void A_ledger_without_a_grain_remembers_its_history_capacity_and_no_more()
    {
        var ledger = TestAccounts.Open(options: new AccountOptions { IdempotencyWindow = 2, HistoryCapacity = 4 });
        ledger.Deposit("dep-0", 100);
        for (var i = 1; i <= 4; i++)
        {
            ledger.Deposit($"dep-{i}", 1);
        }

        // Its pending entries are its only memory (no pages): the fifth posting back is gone.
        Assert.True(ledger.Deposit("dep-1", 1).Replayed);
        Assert.False(ledger.Deposit("dep-0", 100).Replayed);
        Assert.Equal(204, ledger.State.BalanceMinor);
    }

    [Fact]
    public void A_new_account_keeps_its_postings_pending_and_no_page_filters()
    {
        var ledger = TestAccounts.Open();
        for (var i = 0; i < 20; i++)
        {
            ledger.Deposit($"dep-{i}", 1);
        }

        Assert.Empty(ledger.State.HistoryFilters); // no grain moved pages out
        Assert.Equal(20, HistoryBuffer.Count(ledger.State.PendingPacked));
    }
}
