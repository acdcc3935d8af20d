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
    public void Repeat_inside_the_idempotency_window_is_replayed()
    {
        var ledger = TestAccounts.Open(options: new AccountOptions { IdempotencyWindow = 4 });
        ledger.Deposit("dep-0", 100);
        for (var i = 1; i <= 3; i++)
        {
            ledger.Deposit($"dep-{i}", 1);
        }

        Assert.True(ledger.Deposit("dep-0", 100).Replayed);
        Assert.Equal(103, ledger.State.BalanceMinor);
    }

    // Documents a deliberate limit: an account remembers only the last IdempotencyWindow ids, so a
    // retry that arrives after that many newer postings is a new posting. Callers must retry sooner.
    [Fact]
    public void Repeat_older_than_the_idempotency_window_is_treated_as_a_new_posting()
    {
        var ledger = TestAccounts.Open(options: new AccountOptions { IdempotencyWindow = 4 });
        ledger.Deposit("dep-0", 100);
        for (var i = 1; i <= 4; i++)
        {
            ledger.Deposit($"dep-{i}", 1);
        }

        var late = ledger.Deposit("dep-0", 100);

        Assert.False(late.Replayed);
        Assert.True(late.Approved);
        Assert.Equal(204, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Evicted_id_may_even_come_back_with_another_amount()
    {
        var ledger = TestAccounts.Open(options: new AccountOptions { IdempotencyWindow = 2 });
        ledger.Deposit("dep-0", 100);
        ledger.Deposit("dep-1", 1);
        ledger.Deposit("dep-2", 1);

        Assert.True(ledger.Deposit("dep-0", 999).Approved);
        Assert.Equal(1_101, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Window_holds_exactly_the_configured_number_of_records()
    {
        var ledger = TestAccounts.Open(options: new AccountOptions { IdempotencyWindow = 8 });
        for (var i = 0; i < 20; i++)
        {
            ledger.Deposit($"dep-{i}", 1);
        }

        var window = PostingWindow.Keys(ledger.State.RecentKeys);
        Assert.Equal(8 * PostingWindow.SlotSize, ledger.State.RecentKeys.Length);
        Assert.Equal(Enumerable.Range(12, 8).Select(i => PostingWindow.KeyOf(TransactionIdHash.Of($"dep-{i}"))).Order(), window.Order());
    }
}
