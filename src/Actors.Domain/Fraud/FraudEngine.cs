using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>
/// Runs a fixed set of rules over one authorization and combines them: the score is the sum of the
/// contributions (capped at 1000), the fired rules are OR-ed into one bitmask, and the decision comes
/// from the score thresholds. Then every rule records the authorization, learning only when the
/// decision lets the payment through. A plain loop over an array: no allocation, no LINQ.
/// </summary>
public sealed class FraudEngine
{
    private readonly IFraudRule[] _rules;
    private readonly int _alertScore;
    private readonly int _declineScore;
    private readonly int _freezeScore;

    public FraudEngine(IEnumerable<IFraudRule> rules, FraudDecisionOptions decision)
    {
        ArgumentNullException.ThrowIfNull(rules);
        FraudOptionsValidator.Validate(decision);
        _rules = [.. rules];
        _alertScore = decision.AlertScore;
        _declineScore = decision.DeclineScore;
        _freezeScore = decision.FreezeScore;
    }

    public IReadOnlyList<IFraudRule> Rules => _rules;

    public FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var score = 0;
        var fired = FraudRules.None;
        var rules = _rules;
        for (var i = 0; i < rules.Length; i++)
        {
            var result = rules[i].Evaluate(authorization, profile);
            if (result.Fired)
            {
                fired |= rules[i].Rule;
                score += result.Score;
            }
        }

        score = Math.Min(score, FraudAssessment.MaxScore);
        var decision = Decide(score);
        var approved = decision <= FraudDecision.ApproveAndAlert;
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i].Record(authorization, profile, approved);
        }

        profile.Assessments = SaturatingIncrement(profile.Assessments);
        if (approved)
        {
            profile.Observations = SaturatingIncrement(profile.Observations);
        }

        return new FraudAssessment(score, fired, decision);
    }

    public FraudDecision Decide(int score) =>
        score >= _freezeScore ? FraudDecision.DeclineAndFreeze
        : score >= _declineScore ? FraudDecision.Decline
        : score >= _alertScore ? FraudDecision.ApproveAndAlert
        : FraudDecision.Approve;

    private static int SaturatingIncrement(int value) => value == int.MaxValue ? value : value + 1;
}
