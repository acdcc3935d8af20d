using Actors.Accounts;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

public sealed class AccountLedgerAuthorizationTests
{
    [Fact]
    public void Authorize_within_the_balance_is_approved_and_debits()
    {
        var ledger = TestAccounts.Open(balanceMinor: 10_000);

        var result = ledger.Authorize(new CardAuthorization("card-1", Amounts.Usd(2_599), "m-1", 5812, "FR"), TestAccounts.Now);

        Assert.True(result.Approved);
        Assert.Equal(PostingKind.CardAuthorization, result.Kind);
        Assert.Equal(Amounts.Usd(7_401), result.Balance);
        Assert.Equal(7_401, ledger.State.BalanceMinor);
        Assert.Equal(1, ledger.State.Fraud.Authorizations);
        Assert.Equal(0, ledger.State.Fraud.Declines);
        Assert.Equal("FR", ledger.State.Fraud.LastCountry);
        Assert.Equal(TestAccounts.Now.UtcTicks, ledger.State.Fraud.LastAuthorizationTicks);
    }

    [Fact]
    public void Authorize_beyond_the_balance_declines_with_insufficient_funds()
    {
        var ledger = TestAccounts.Open(balanceMinor: 1_000);

        var result = ledger.Pay("card-1", 1_001);

        Assert.Equal(PostingOutcome.Declined, result.Outcome);
        Assert.Equal(DeclineReason.InsufficientFunds, result.Reason);
        Assert.Equal("insufficient funds", result.Message);
        Assert.Equal(1_000, ledger.State.BalanceMinor);
        Assert.Equal(1, ledger.State.Fraud.Declines);
    }

    [Fact]
    public void Authorize_when_frozen_declines_with_reason()
    {
        var ledger = TestAccounts.Open(balanceMinor: 10_000);
        ledger.Freeze("card reported stolen");

        var result = ledger.Pay("card-1", 100);

        Assert.Equal(DeclineReason.AccountFrozen, result.Reason);
        Assert.Contains("card reported stolen", result.Message, StringComparison.Ordinal);
        Assert.Equal(10_000, ledger.State.BalanceMinor);
    }

    [Fact]
    public void Authorize_when_closed_declines_as_closed()
    {
        var ledger = TestAccounts.Open();
        ledger.Close();

        var result = ledger.Pay("card-1", 100);

        Assert.Equal(DeclineReason.AccountClosed, result.Reason);
        Assert.Equal("account is closed", result.Message);
        Assert.Equal(0, ledger.State.BalanceMinor);
    }

    public static TheoryData<string, CardAuthorization, string> InvalidRequests => new()
    {
        { "zero amount", new CardAuthorization("card-1", Amounts.Usd(0), "m-1", 5411, "US"), "must be positive" },
        { "negative amount", new CardAuthorization("card-1", Amounts.Usd(-100), "m-1", 5411, "US"), "must be positive" },
        { "wrong currency", new CardAuthorization("card-1", Amounts.Eur(100), "m-1", 5411, "US"), "EUR" },
        { "no currency", new CardAuthorization("card-1", default, "m-1", 5411, "US"), "no currency" },
        { "malformed transaction id", new CardAuthorization("card 1", Amounts.Usd(100), "m-1", 5411, "US"), "transaction id" },
        { "empty merchant", new CardAuthorization("card-1", Amounts.Usd(100), "", 5411, "US"), "Merchant id" },
        { "merchant too long", new CardAuthorization("card-1", Amounts.Usd(100), new string('m', 65), 5411, "US"), "Merchant id" },
        { "category too high", new CardAuthorization("card-1", Amounts.Usd(100), "m-1", 10_000, "US"), "10000" },
        { "category negative", new CardAuthorization("card-1", Amounts.Usd(100), "m-1", -1, "US"), "-1" },
        { "lower-case country", new CardAuthorization("card-1", Amounts.Usd(100), "m-1", 5411, "us"), "'us'" },
        { "three-letter country", new CardAuthorization("card-1", Amounts.Usd(100), "m-1", 5411, "USA"), "'USA'" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Authorize_invalid_request_declines_as_invalid_and_changes_nothing(string what, CardAuthorization request, string messageContains)
    {
        var ledger = TestAccounts.Open(balanceMinor: 10_000);
        var before = LedgerFingerprint.Of(ledger);

        var result = ledger.Authorize(request, TestAccounts.Now);

        Assert.True(result.Outcome == PostingOutcome.Declined, what);
        Assert.Equal(DeclineReason.Invalid, result.Reason);
        Assert.Contains(messageContains, result.Message, StringComparison.Ordinal);
        Assert.Equal(Amounts.Usd(10_000), result.Balance);
        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }

    [Fact]
    public void Authorize_invalid_request_does_not_burn_its_transaction_id()
    {
        var ledger = TestAccounts.Open(balanceMinor: 10_000);
        ledger.Authorize(new CardAuthorization("card-1", Amounts.Usd(100), "m-1", 5411, "usa"), TestAccounts.Now);

        var corrected = ledger.Authorize(new CardAuthorization("card-1", Amounts.Usd(100), "m-1", 5411, "US"), TestAccounts.Now);

        Assert.True(corrected.Approved);
        Assert.False(corrected.Replayed);
    }

    [Fact]
    public void Authorize_null_request_declines_as_invalid()
    {
        var ledger = TestAccounts.Open(balanceMinor: 10_000);
        var before = LedgerFingerprint.Of(ledger);

        var result = ledger.Authorize(null!, TestAccounts.Now);

        Assert.Equal(DeclineReason.Invalid, result.Reason);
        Assert.Equal(before, LedgerFingerprint.Of(ledger));
    }
}
