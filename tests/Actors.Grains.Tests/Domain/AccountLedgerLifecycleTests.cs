using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

public sealed class AccountLedgerLifecycleTests
{
    [Fact]
    public void Freeze_records_the_reason_and_unfreeze_clears_it()
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_000);

        ledger.Freeze("suspicious activity");
        Assert.Equal((AccountStatus.Frozen, "suspicious activity"), (ledger.Snapshot().Status, ledger.Snapshot().FrozenReason));

        ledger.Unfreeze();
        Assert.Equal((AccountStatus.Active, (string?)null), (ledger.Snapshot().Status, ledger.Snapshot().FrozenReason));
        Assert.True(ledger.Pay("card-1", 100).Approved);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Freeze_without_a_reason_is_refused(string reason)
    {
        var ledger = TestAccounts.Open();
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(DomainError.InvalidArgument, () => ledger.Freeze(reason), "Freeze reason");

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }

    [Fact]
    public void Freeze_with_a_reason_over_200_characters_is_refused()
    {
        var ledger = TestAccounts.Open();

        DomainAssert.Throws(DomainError.InvalidArgument, () => ledger.Freeze(new string('x', 201)), "1-200");
        Assert.Equal(AccountStatus.Active, ledger.State.Status);
    }

    [Fact]
    public void Unfreeze_of_an_active_account_is_refused()
    {
        var ledger = TestAccounts.Open();

        DomainAssert.Throws(DomainError.InvalidAccountState, () => ledger.Unfreeze(), "Active", "not frozen");
    }

    [Fact]
    public void Frozen_account_declines_every_posting_except_a_reversal()
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_000);
        ledger.Freeze("court order");

        Assert.Equal(DeclineReason.AccountFrozen, ledger.Deposit("dep-1", 10).Reason);
        Assert.Equal(DeclineReason.AccountFrozen, ledger.Withdraw("wd-1", 10).Reason);
        Assert.Equal(DeclineReason.AccountFrozen, ledger.Post(PostingKind.TransferCredit, "in-1", Amounts.Usd(10), "BANK:002", TestAccounts.Now).Reason);
        Assert.Equal(1_000, ledger.State.BalanceMinor);

        Assert.True(ledger.Post(PostingKind.Reversal, "rev-1", Amounts.Usd(10), "BANK:002", TestAccounts.Now).Approved);
        Assert.Equal(1_010, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Close_at_zero_balance_closes_and_then_declines_postings()
    {
        var ledger = TestAccounts.Open(balanceMinor: 500);
        ledger.Withdraw("wd-all", 500);

        ledger.Close();

        Assert.Equal(AccountStatus.Closed, ledger.Snapshot().Status);
        Assert.Equal(DeclineReason.AccountClosed, ledger.Deposit("dep-1", 10).Reason);
        Assert.Equal(0, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Close_of_a_frozen_account_at_zero_clears_the_freeze()
    {
        var ledger = TestAccounts.Open();
        ledger.Freeze("fraud");

        ledger.Close();

        Assert.Equal((AccountStatus.Closed, (string?)null), (ledger.State.Status, ledger.State.FrozenReason));
    }

    [Fact]
    public void Close_with_money_left_is_refused_and_names_the_balance()
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_234);
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(DomainError.InvalidAccountState, () => ledger.Close(), "12.34 USD", "zero balance");

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }

    [Fact]
    public void Closed_account_cannot_be_closed_again_nor_frozen()
    {
        var ledger = TestAccounts.Open();
        ledger.Close();
        var before = LedgerFingerprint.Of(ledger);

        DomainAssert.Throws(DomainError.InvalidAccountState, () => ledger.Close(), "already closed");
        DomainAssert.Throws(DomainError.InvalidAccountState, () => ledger.Freeze("late"), "closed");
        DomainAssert.Throws(DomainError.InvalidAccountState, () => ledger.Unfreeze(), "Closed");

        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }

    [Fact]
    public void Reversal_reaches_a_closed_account_so_money_is_never_stranded()
    {
        var ledger = TestAccounts.Open();
        ledger.Close();

        Assert.True(ledger.Post(PostingKind.Reversal, "rev-1", Amounts.Usd(300), "BANK:002", TestAccounts.Now).Approved);
        Assert.Equal(300, ledger.State.BalanceMinor);
    }

    [Fact]
    public void History_keeps_the_last_100_postings_by_default_newest_first()
    {
        var ledger = TestAccounts.Open();
        for (var i = 1; i <= 130; i++)
        {
            ledger.Deposit($"dep-{i}", 1);
        }

        var history = ledger.History(1_000);

        Assert.Equal(AccountOptions.DefaultHistoryCapacity, history.Count);
        Assert.Equal("dep-130", history[0].TransactionId);
        Assert.Equal("dep-31", history[^1].TransactionId);
        Assert.Equal(130, history[0].BalanceAfterMinor);
        Assert.Equal(130, ledger.State.Postings);
    }

    [Fact]
    public void History_records_declines_with_their_reason_and_counterparty()
    {
        var ledger = TestAccounts.Open(balanceMinor: 100);
        ledger.Post(PostingKind.TransferDebit, "out-1", Amounts.Usd(500), "BANK:002", TestAccounts.Now);

        var latest = ledger.History(1).Single();

        Assert.Equal(("out-1", PostingKind.TransferDebit, PostingOutcome.Declined, DeclineReason.InsufficientFunds, "BANK:002"),
            (latest.TransactionId, latest.Kind, latest.Outcome, latest.Reason, latest.Counterparty));
        Assert.Equal(100, latest.BalanceAfterMinor);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void History_of_a_non_positive_size_is_refused(int max)
    {
        var ledger = TestAccounts.Open();

        DomainAssert.Throws(DomainError.InvalidArgument, () => ledger.History(max), $"was {max}");
    }
}
