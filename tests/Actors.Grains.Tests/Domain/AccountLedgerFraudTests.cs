using Actors.Accounts;
using Actors.Domain;
using Actors.Domain.Fraud;
using Actors.Errors;
using Actors.Fraud;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

/// <summary>How the ledger acts on the fraud detector's decisions: declines, freezes, alerts and the owner's answers.</summary>
public sealed class AccountLedgerFraudTests
{
    private static readonly DateTimeOffset Now = TestAccounts.Now;

    /// <summary>A detector that answers what the test says, and counts how often it was asked.</summary>
    private sealed class ScriptedDetector(FraudDecision decision, FraudRules rules = FraudRules.Velocity) : IFraudDetector
    {
        public int Calls { get; private set; }

        public string Name => "scripted";

        public FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile)
        {
            Calls++;
            return new FraudAssessment(decision == FraudDecision.Approve ? 0 : 700, decision == FraudDecision.Approve ? FraudRules.None : rules, decision);
        }
    }

    private static AccountLedger Ledger(IFraudDetector detector, long balanceMinor = 100_00)
    {
        var ledger = new AccountLedger("CHASE:fraud-1", new AccountState(), new AccountOptions(), detector);
        ledger.Open(TestAccounts.Owner, "USD", Now);
        ledger.Post(PostingKind.Deposit, "opening", Amounts.Usd(balanceMinor), null, Now);
        return ledger;
    }

    [Fact]
    public void Decline_decision_declines_as_fraud_suspected_and_records_an_alert()
    {
        var ledger = Ledger(new ScriptedDetector(FraudDecision.Decline));

        var result = ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10_00)), Now);

        Assert.Equal((PostingOutcome.Declined, DeclineReason.FraudSuspected), (result.Outcome, result.Reason));
        Assert.Contains("velocity", result.Message, StringComparison.Ordinal);
        Assert.Equal(FraudDecision.Decline, result.Fraud.Decision);
        Assert.Equal(100_00, ledger.State.BalanceMinor);
        Assert.Equal(AccountStatus.Active, ledger.State.Status);
        var alert = Assert.Single(ledger.Alerts());
        Assert.Equal(("card-1", FraudAlertStatus.Open), (alert.TransactionId, alert.Status));
        Assert.Equal(alert, ledger.LastAlert);
    }

    [Fact]
    public void Approve_and_alert_lets_the_payment_through_and_records_an_alert()
    {
        var ledger = Ledger(new ScriptedDetector(FraudDecision.ApproveAndAlert));

        var result = ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10_00)), Now);

        Assert.True(result.Approved);
        Assert.Equal(90_00, ledger.State.BalanceMinor);
        Assert.Single(ledger.Alerts());
        Assert.Equal(1, ledger.State.Fraud.Alerts);
    }

    [Fact]
    public void Decline_and_freeze_freezes_the_account_with_the_rules_as_reason()
    {
        var ledger = Ledger(new ScriptedDetector(FraudDecision.DeclineAndFreeze, FraudRules.CardTesting));

        var result = ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(1_00)), Now);

        Assert.Equal(DeclineReason.FraudSuspected, result.Reason);
        Assert.Equal(AccountStatus.Frozen, ledger.State.Status);
        Assert.Contains("card_testing", ledger.State.FrozenReason, StringComparison.Ordinal);
        var next = ledger.Authorize(TestAccounts.Card("card-2", Amounts.Usd(1_00)), Now);
        Assert.Equal(DeclineReason.AccountFrozen, next.Reason);
    }

    [Fact]
    public void A_replayed_authorization_never_reaches_the_detector_again()
    {
        var detector = new ScriptedDetector(FraudDecision.ApproveAndAlert);
        var ledger = Ledger(detector);

        ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10_00)), Now);
        var replay = ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10_00)), Now);

        Assert.True(replay.Replayed);
        Assert.Equal(1, detector.Calls);
        Assert.Single(ledger.Alerts());
    }

    [Fact]
    public void Not_me_confirms_fraud_and_freezes_the_account()
    {
        var ledger = Ledger(new ScriptedDetector(FraudDecision.ApproveAndAlert));
        ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10_00)), Now);

        var resolved = ledger.ResolveAlert("card-1", AlertFeedback.NotMe);

        Assert.Equal(FraudAlertStatus.ConfirmedFraud, resolved.Status);
        Assert.Equal(AccountStatus.Frozen, ledger.State.Status);
        Assert.Contains("card-1", ledger.State.FrozenReason, StringComparison.Ordinal);
    }

    [Fact]
    public void It_was_me_clears_the_alert_and_lifts_the_freeze_that_alert_caused()
    {
        var ledger = Ledger(new ScriptedDetector(FraudDecision.DeclineAndFreeze));
        ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10_00)), Now);
        Assert.Equal(AccountStatus.Frozen, ledger.State.Status);

        var resolved = ledger.ResolveAlert("card-1", AlertFeedback.ItWasMe);

        Assert.Equal(FraudAlertStatus.Cleared, resolved.Status);
        Assert.Equal(AccountStatus.Active, ledger.State.Status);
    }

    [Fact]
    public void It_was_me_does_not_lift_a_freeze_the_bank_made_for_another_reason()
    {
        var ledger = Ledger(new ScriptedDetector(FraudDecision.ApproveAndAlert));
        ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10_00)), Now);
        ledger.Freeze("court order");

        ledger.ResolveAlert("card-1", AlertFeedback.ItWasMe);

        Assert.Equal((AccountStatus.Frozen, "court order"), (ledger.State.Status, ledger.State.FrozenReason));
    }

    [Fact]
    public void It_was_me_does_not_lift_a_bank_freeze_whose_text_reads_like_the_detectors()
    {
        var ledger = Ledger(new ScriptedDetector(FraudDecision.ApproveAndAlert));
        ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10_00)), Now);
        ledger.Freeze("fraud suspected on card-1"); // typed provenance: the text is the bank's, whatever it says

        ledger.ResolveAlert("card-1", AlertFeedback.ItWasMe);

        Assert.Equal(AccountStatus.Frozen, ledger.State.Status);
        Assert.Equal(new FrozenBy(FreezeKind.Operator, null, "fraud suspected on card-1"), ledger.State.Frozen);
    }

    [Fact]
    public void It_was_me_on_one_alert_does_not_lift_the_freeze_of_another_transaction_whose_id_it_prefixes()
    {
        var detector = new SwitchedDetector { Decision = FraudDecision.ApproveAndAlert };
        var ledger = Ledger(detector);
        ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(1_00)), Now);
        detector.Decision = FraudDecision.DeclineAndFreeze;
        ledger.Authorize(TestAccounts.Card("card-10", Amounts.Usd(1_00)), Now);
        Assert.Equal((FreezeKind.FraudSuspected, "card-10"), (ledger.State.Frozen!.Kind, ledger.State.Frozen.TransactionId));

        ledger.ResolveAlert("card-1", AlertFeedback.ItWasMe);

        Assert.Equal(AccountStatus.Frozen, ledger.State.Status);
        ledger.ResolveAlert("card-10", AlertFeedback.ItWasMe);
        Assert.Equal((AccountStatus.Active, (FrozenBy?)null), (ledger.State.Status, ledger.State.Frozen));
    }

    /// <summary>A detector whose decision the test changes between authorizations.</summary>
    private sealed class SwitchedDetector : IFraudDetector
    {
        public FraudDecision Decision { get; set; }

        public string Name => "switched";

        public FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile) =>
            new(700, FraudRules.Velocity, Decision);
    }

    [Fact]
    public void Answering_an_unknown_alert_or_changing_the_answer_is_refused_and_changes_nothing()
    {
        var ledger = Ledger(new ScriptedDetector(FraudDecision.ApproveAndAlert));
        ledger.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10_00)), Now);
        ledger.ResolveAlert("card-1", AlertFeedback.ItWasMe);

        var unknown = Assert.Throws<DomainException>(() => ledger.ResolveAlert("card-9", AlertFeedback.NotMe));
        var changed = Assert.Throws<DomainException>(() => ledger.ResolveAlert("card-1", AlertFeedback.NotMe));

        Assert.Equal(DomainError.AlertNotFound, unknown.Error);
        Assert.Contains("card-9", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(DomainError.InvalidAccountState, changed.Error);
        Assert.Equal(AccountStatus.Active, ledger.State.Status);
        Assert.Equal(FraudAlertStatus.Cleared, Assert.Single(ledger.Alerts()).Status);
    }

    [Fact]
    public void Only_the_newest_alerts_are_kept_newest_first()
    {
        var ledger = Ledger(new ScriptedDetector(FraudDecision.ApproveAndAlert), balanceMinor: 1_000_00);
        for (var i = 1; i <= FraudAlertRecord.Kept + 2; i++)
        {
            ledger.Authorize(TestAccounts.Card($"card-{i}", Amounts.Usd(1_00)), Now);
        }

        var kept = ledger.Alerts().Select(a => a.TransactionId).ToArray();

        Assert.Equal(Enumerable.Range(3, FraudAlertRecord.Kept).Reverse().Select(i => $"card-{i}").ToArray(), kept);
    }

    [Fact]
    public void Built_in_rules_use_the_authorization_time_not_the_ledger_clock()
    {
        var ledger = Ledger(FraudDetectorLoader.Load(new FraudOptions()), balanceMinor: 10_000_00);

        // Ten ordinary payments an hour apart by their own timestamps, all processed "now":
        // no velocity alert, because the rules reason over the card's time.
        for (var i = 0; i < 10; i++)
        {
            var card = TestAccounts.Card($"card-{i}", Amounts.Usd(25_00)) with { At = Now.AddHours(i) };
            Assert.True(ledger.Authorize(card, Now).Approved);
        }

        Assert.DoesNotContain(ledger.Alerts(), a => (a.Assessment.Fired & FraudRules.Velocity) != 0);
    }
}
