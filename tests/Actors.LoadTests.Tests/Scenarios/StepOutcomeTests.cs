using Actors.Accounts;
using Actors.Fraud;
using Actors.LoadTests.Scenarios;

namespace Actors.LoadTests.Tests.Scenarios;

/// <summary>Postings map to statuses that keep an alerted approval apart from a clean one.</summary>
public sealed class StepOutcomeTests
{
    [Theory]
    [InlineData(PostingOutcome.Applied, DeclineReason.None, FraudDecision.Approve, "approved")]
    [InlineData(PostingOutcome.Applied, DeclineReason.None, FraudDecision.ApproveAndAlert, "approved_with_alert")]
    [InlineData(PostingOutcome.Declined, DeclineReason.FraudSuspected, FraudDecision.Decline, "declined_fraud_suspected")]
    [InlineData(PostingOutcome.Declined, DeclineReason.InsufficientFunds, FraudDecision.Approve, "declined_insufficient_funds")]
    public void A_posting_answers_its_outcome_and_whether_the_rules_alerted(PostingOutcome outcome, DeclineReason reason, FraudDecision decision, string status)
    {
        var amount = Money.Money.FromMinor(100, "USD");
        var result = new PostingResult("t1", PostingKind.CardAuthorization, outcome, reason, amount, amount,
            Fraud: new FraudAssessment(decision == FraudDecision.Approve ? 0 : 400, FraudRules.Velocity, decision));

        var response = StepOutcome.Of(result);

        Assert.False(response.IsError);
        Assert.Equal(status, response.StatusCode);
    }
}
