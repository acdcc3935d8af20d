using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;
using Actors.Transfers;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests.Domain;

public sealed class TransferSagaTests
{
    private const string Source = "BANK:src";
    private const string Target = "BANK:dst";
    private readonly FakeTimeProvider _time = new(TestAccounts.Now);
    private readonly InMemoryTransferLegs _legs;
    private readonly InMemoryTransferJournal _journal = new();
    private readonly TransferSaga _saga;

    public TransferSagaTests()
    {
        _legs = new InMemoryTransferLegs(_time);
        _legs.Add(TestAccounts.Open(balanceMinor: 10_000, accountId: Source));
        _legs.Add(TestAccounts.Open(balanceMinor: 1_000, accountId: Target));
        _saga = new TransferSaga(_legs, _journal, _time);
    }

    private long SourceBalance => _legs.Account(Source).State.BalanceMinor;

    private long TargetBalance => _legs.Account(Target).State.BalanceMinor;

    private static TransferRequest Request(long minor = 2_500, string to = Target, string id = "t-1") => new(id, Source, to, Amounts.Usd(minor));

    [Fact]
    public async Task Execute_debits_the_source_credits_the_target_and_completes()
    {
        var result = await _saga.Execute(Request());

        Assert.Equal(new TransferResult("t-1", TransferStatus.Completed, DeclineReason.None, null), result);
        Assert.Equal((7_500, 3_500), (SourceBalance, TargetBalance));
        Assert.Equal(0, _legs.HeldBy("t-1"));
    }

    [Fact]
    public async Task Execute_again_after_completion_answers_completed_and_moves_nothing()
    {
        await _saga.Execute(Request());

        var again = await _saga.Execute(Request());

        Assert.Equal(TransferStatus.Completed, again.Status);
        Assert.Equal((7_500, 3_500), (SourceBalance, TargetBalance));
    }

    [Fact]
    public async Task Declined_debit_fails_the_transfer_and_moves_nothing()
    {
        var result = await _saga.Execute(Request(minor: 10_001));

        Assert.Equal(TransferStatus.Failed, result.Status);
        Assert.Equal(DeclineReason.InsufficientFunds, result.Reason);
        Assert.Contains("insufficient funds", result.Message, StringComparison.Ordinal);
        Assert.Equal((10_000, 1_000), (SourceBalance, TargetBalance));
        Assert.Equal(0, _legs.HeldBy("t-1"));
    }

    [Fact]
    public async Task Debit_of_an_unknown_account_fails_the_transfer()
    {
        var result = await _saga.Execute(new TransferRequest("t-1", "BANK:ghost", Target, Amounts.Usd(100)));

        Assert.Equal(TransferStatus.Failed, result.Status);
        Assert.Equal(DeclineReason.Invalid, result.Reason);
        Assert.Contains("BANK:ghost", result.Message, StringComparison.Ordinal);
        Assert.Equal(1_000, TargetBalance);
    }

    [Fact]
    public async Task Credit_refused_by_a_frozen_target_reverses_the_debit()
    {
        _legs.Account(Target).Freeze("under investigation");

        var result = await _saga.Execute(Request());

        Assert.Equal(TransferStatus.Reversed, result.Status);
        Assert.Equal(DeclineReason.AccountFrozen, result.Reason);
        Assert.Contains("under investigation", result.Message, StringComparison.Ordinal);
        Assert.Contains("reversed", result.Message, StringComparison.Ordinal);
        AssertMoneyReturned();
    }

    [Fact]
    public async Task Credit_refused_by_a_closed_target_reverses_the_debit()
    {
        _legs.Add(TestAccounts.Open(accountId: "BANK:closed"));
        _legs.Account("BANK:closed").Close();

        var result = await _saga.Execute(Request(to: "BANK:closed"));

        Assert.Equal((TransferStatus.Reversed, DeclineReason.AccountClosed), (result.Status, result.Reason));
        Assert.Equal(10_000, SourceBalance);
        Assert.Equal(0, _legs.Account("BANK:closed").State.BalanceMinor);
    }

    [Fact]
    public async Task Credit_to_an_unknown_target_reverses_the_debit()
    {
        var result = await _saga.Execute(Request(to: "BANK:ghost"));

        Assert.Equal((TransferStatus.Reversed, DeclineReason.Invalid), (result.Status, result.Reason));
        Assert.Contains("BANK:ghost", result.Message, StringComparison.Ordinal);
        Assert.Equal(10_000, SourceBalance);
    }

    [Fact]
    public async Task Transfer_to_a_target_in_another_currency_is_refused_before_either_leg_posts()
    {
        _legs.Add(TestAccounts.Open(accountId: "BANK:eur", currency: "EUR"));
        var postingsBefore = _legs.Account(Source).State.Postings;

        await DomainAssert.ThrowsAsync(DomainError.CurrencyMismatch, () => _saga.Execute(Request(to: "BANK:eur")), "BANK:eur", "EUR", "USD");

        Assert.True(_journal.State.Request is null);
        Assert.Equal(0, _journal.Saves);
        Assert.Equal(10_000, SourceBalance);
        Assert.Equal((postingsBefore, 0L), (_legs.Account(Source).State.Postings, _legs.Account("BANK:eur").State.Postings));
        Assert.Equal(0, _legs.HeldBy("t-1"));
    }

    [Fact]
    public async Task Transfer_in_a_currency_other_than_the_sources_is_refused_before_either_leg_posts()
    {
        var request = new TransferRequest("t-1", Source, Target, Money.Money.FromMinor(100, "EUR"));

        await DomainAssert.ThrowsAsync(DomainError.CurrencyMismatch, () => _saga.Execute(request), Source, "USD", "EUR");

        Assert.Equal(0, _journal.Saves);
        AssertMoneyReturned();
    }

    [Fact]
    public async Task Transient_failure_after_the_debit_leaves_it_debited_and_a_retry_finishes_exactly_once()
    {
        _legs.ArmedFault = LegFault.CreditBeforeCall;

        await Assert.ThrowsAsync<TransientLegException>(() => _saga.Execute(Request()));

        Assert.Equal(TransferStatus.Debited, _saga.Current.Status);
        Assert.Equal((7_500, 1_000), (SourceBalance, TargetBalance));
        Assert.Equal(2_500, _legs.HeldBy("t-1"));

        var retried = await _saga.Execute(Request());
        var again = await _saga.Execute(Request());

        Assert.Equal(TransferStatus.Completed, retried.Status);
        Assert.Equal(TransferStatus.Completed, again.Status);
        Assert.Equal((7_500, 3_500), (SourceBalance, TargetBalance));
        Assert.Equal(0, _legs.HeldBy("t-1"));
    }

    [Fact]
    public async Task Resume_after_a_lost_credit_reply_does_not_credit_twice()
    {
        _legs.ArmedFault = LegFault.CreditLostReply;
        await Assert.ThrowsAsync<TransientLegException>(() => _saga.Execute(Request()));
        Assert.Equal(TransferStatus.Debited, _saga.Current.Status);

        var resumed = await _saga.Resume();

        Assert.Equal(TransferStatus.Completed, resumed.Status);
        Assert.Equal((7_500, 3_500), (SourceBalance, TargetBalance));
    }

    [Fact]
    public async Task Retry_after_a_lost_debit_reply_does_not_debit_twice()
    {
        _legs.ArmedFault = LegFault.DebitLostReply;
        await Assert.ThrowsAsync<TransientLegException>(() => _saga.Execute(Request()));
        Assert.Equal(TransferStatus.Pending, _saga.Current.Status);
        Assert.Equal(7_500, SourceBalance);

        var retried = await _saga.Execute(Request());

        Assert.Equal(TransferStatus.Completed, retried.Status);
        Assert.Equal((7_500, 3_500), (SourceBalance, TargetBalance));
    }

    [Fact]
    public async Task Transient_failure_of_the_reversal_is_finished_by_resume()
    {
        _legs.Account(Target).Freeze("frozen");
        _legs.ArmedFault = LegFault.ReverseBeforeCall;
        await Assert.ThrowsAsync<TransientLegException>(() => _saga.Execute(Request()));
        Assert.Equal(TransferStatus.Debited, _saga.Current.Status);
        Assert.Equal(7_500, SourceBalance);

        var resumed = await _saga.Resume();

        Assert.Equal((TransferStatus.Reversed, DeclineReason.AccountFrozen), (resumed.Status, resumed.Reason));
        AssertMoneyReturned();
    }

    [Fact]
    public async Task Transfer_id_reused_with_another_amount_is_refused_and_changes_nothing()
    {
        await _saga.Execute(Request());
        var saves = _journal.Saves;

        await DomainAssert.ThrowsAsync(DomainError.TransactionIdReused, () => _saga.Execute(Request(minor: 2_501)), "'t-1'", "25.00 USD");

        Assert.Equal(saves, _journal.Saves);
        Assert.Equal(Request(), _journal.State.Request);
        Assert.Equal((7_500, 3_500), (SourceBalance, TargetBalance));
    }

    [Fact]
    public async Task Resume_before_any_execute_is_refused_as_not_found()
    {
        await DomainAssert.ThrowsAsync(DomainError.TransferNotFound, () => _saga.Resume(), "No transfer");
        DomainAssert.Throws(DomainError.TransferNotFound, () => _ = _saga.Current, "No transfer");
    }

    public static TheoryData<string, TransferRequest, DomainError, string> BadRequests => new()
    {
        { "same account twice", new TransferRequest("t-1", Source, Source, Amounts.Usd(100)), DomainError.InvalidArgument, "two different accounts" },
        { "zero amount", new TransferRequest("t-1", Source, Target, Amounts.Usd(0)), DomainError.InvalidAmount, "must be positive" },
        { "negative amount", new TransferRequest("t-1", Source, Target, Amounts.Usd(-1)), DomainError.InvalidAmount, "must be positive" },
        { "no currency", new TransferRequest("t-1", Source, Target, default), DomainError.InvalidAmount, "must be positive" },
        { "malformed transfer id", new TransferRequest("t 1", Source, Target, Amounts.Usd(100)), DomainError.MalformedId, "transfer id" },
        { "transfer id too long for leg suffixes", new TransferRequest(new string('t', 57), Source, Target, Amounts.Usd(100)), DomainError.MalformedId, "longer than 56" },
        { "malformed source", new TransferRequest("t-1", "src", Target, Amounts.Usd(100)), DomainError.MalformedId, "source account id" },
        { "malformed target", new TransferRequest("t-1", Source, "BANK:", Amounts.Usd(100)), DomainError.MalformedId, "target account id" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Malformed_request_is_refused_before_anything_is_recorded(string what, TransferRequest request, DomainError error, string messageContains)
    {
        await DomainAssert.ThrowsAsync(error, () => _saga.Execute(request), messageContains);

        Assert.True(_journal.State.Request is null, what);
        Assert.Equal(0, _journal.Saves);
        Assert.Equal((10_000, 1_000), (SourceBalance, TargetBalance));
    }

    private void AssertMoneyReturned()
    {
        Assert.Equal((10_000, 1_000), (SourceBalance, TargetBalance));
        Assert.Equal(0, _legs.HeldBy("t-1"));
    }
}
