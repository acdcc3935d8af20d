using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Engine;

public sealed class FraudEngineTests
{
    private readonly RuleBasedDetector _detector = new(new FraudOptions());

    [Theory]
    [InlineData(0, FraudDecision.Approve)]
    [InlineData(299, FraudDecision.Approve)]
    [InlineData(300, FraudDecision.ApproveAndAlert)]
    [InlineData(599, FraudDecision.ApproveAndAlert)]
    [InlineData(600, FraudDecision.Decline)]
    [InlineData(999, FraudDecision.Decline)]
    [InlineData(1000, FraudDecision.DeclineAndFreeze)]
    public void Score_thresholds_pick_the_decision(int score, FraudDecision expected)
    {
        Assert.Equal(expected, _detector.Engine.Decide(score));
    }

    [Fact]
    public void Thresholds_come_from_configuration()
    {
        var engine = new FraudEngine([], new FraudDecisionOptions { AlertScore = 100, DeclineScore = 200, FreezeScore = FraudDecisionOptions.Never });

        Assert.Equal(FraudDecision.ApproveAndAlert, engine.Decide(150));
        Assert.Equal(FraudDecision.Decline, engine.Decide(1000));
    }

    [Fact]
    public void Card_testing_burst_is_declined_with_the_rule_named()
    {
        var profile = WarmProfile();

        var assessments = Shapes.CardTestingBurst(Monday.AddDays(40).AddHours(12), 8).Select(a => _detector.Assess(a, profile)).ToList();

        var last = assessments[^1];
        Assert.True(last.Declined);
        Assert.True(last.Fired.HasFlag(FraudRules.CardTesting));
        Assert.Contains("card_testing", last.RuleNames);
    }

    [Fact]
    public void Foreign_spike_right_after_a_home_payment_declines_and_freezes()
    {
        var profile = WarmProfile();
        var home = Monday.AddDays(40).AddHours(12);
        _detector.Assess(At(home), profile);

        var abroad = _detector.Assess(At(home.AddMinutes(20), amountMinor: 200_000, merchant: "M-ELSEWHERE", country: "GB"), profile);

        Assert.Equal(FraudDecision.DeclineAndFreeze, abroad.Decision);
        Assert.Equal(FraudRules.ImpossibleTravel | FraudRules.AmountOutlier | FraudRules.FirstSeenMerchant, abroad.Fired & ~FraudRules.Velocity);
    }

    [Fact]
    public void First_seen_merchant_alone_is_approved_without_alert()
    {
        var profile = WarmProfile();

        var assessment = _detector.Assess(At(Monday.AddDays(40).AddHours(12), merchant: "M-BRAND-NEW"), profile);

        Assert.Equal(FraudRules.FirstSeenMerchant, assessment.Fired);
        Assert.Equal(FraudDecision.Approve, assessment.Decision);
    }

    [Fact]
    public void Gambling_at_a_new_merchant_is_noted_but_approved_without_an_alert()
    {
        // Weak signals together (150 + 100) stay below the alert score: on the simulator's default
        // traffic, alerting on them cost thousands of false positives for a few detections.
        var profile = WarmProfile();

        var assessment = _detector.Assess(At(Monday.AddDays(40).AddHours(12), merchant: "M-CASINO", category: 7995), profile);

        Assert.Equal(FraudRules.RiskyMerchantCategory | FraudRules.FirstSeenMerchant, assessment.Fired);
        Assert.Equal(FraudDecision.Approve, assessment.Decision);
        Assert.Equal(250, assessment.Score);
    }

    [Fact]
    public void Disabled_rules_do_not_run()
    {
        var options = new FraudOptions();
        options.CardTesting.Enabled = false;
        var detector = new RuleBasedDetector(options);
        var profile = new AccountFraudProfile();

        var assessments = Shapes.CardTestingBurst(Monday, 8).Select(a => detector.Assess(a, profile)).ToList();

        Assert.DoesNotContain(assessments, a => a.Fired.HasFlag(FraudRules.CardTesting));
        Assert.DoesNotContain(detector.Engine.Rules, r => r is CardTestingRule);
    }

    [Fact]
    public void Every_assessment_is_counted_and_only_approved_ones_are_learned()
    {
        var profile = new AccountFraudProfile();

        foreach (var authorization in Shapes.CardTestingBurst(Monday, 6))
        {
            _detector.Assess(authorization, profile);
        }

        Assert.Equal(6, profile.Assessments);
        Assert.Equal(2, profile.Observations);
    }

    [Fact]
    public void Scores_are_capped_at_one_thousand()
    {
        var options = new FraudOptions();
        options.RiskyMerchantCategory.Score = 1000;
        options.FirstSeenMerchant.Score = 500;
        var detector = new RuleBasedDetector(options);

        var assessment = detector.Assess(At(Monday, category: 7995), new AccountFraudProfile());

        Assert.Equal(1000, assessment.Score);
    }

    private AccountFraudProfile WarmProfile()
    {
        var profile = new AccountFraudProfile();
        foreach (var authorization in Shapes.NineToFive(Monday, 60))
        {
            _detector.Assess(authorization, profile);
        }

        return profile;
    }
}
