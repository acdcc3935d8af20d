using Actors.Domain.Fraud;

namespace Actors.Fraud.Tests.Engine;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        FraudOptionsValidator.Validate(new FraudOptions());
    }

    [Fact]
    public void Bad_rule_option_is_refused_naming_its_setting_and_value()
    {
        var e = Assert.Throws<FraudConfigurationException>(() => new VelocityRule(new VelocityRuleOptions { MaxPerShortWindow = 0 }));

        Assert.Contains("Actors:Fraud:Velocity:MaxPerShortWindow", e.Message, StringComparison.Ordinal);
        Assert.Contains("'0'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new FraudOptions();
        options.Decision.DeclineScore = 100;
        options.CardTesting.MinBurst = 1;
        options.UnusualHour.RareShare = 0.9;
        options.RiskyMerchantCategory.Categories = [7995, 12345];

        var e = Assert.Throws<FraudConfigurationException>(() => FraudOptionsValidator.Validate(options));

        Assert.Contains(e.Failures, f => f.StartsWith("Actors:Fraud:Decision:DeclineScore", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Actors:Fraud:CardTesting:MinBurst", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Actors:Fraud:UnusualHour:RareShare", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Actors:Fraud:RiskyMerchantCategory:Categories:1", StringComparison.Ordinal));
    }

    [Fact]
    public void First_seen_merchant_may_not_decline_on_its_own()
    {
        var options = new FraudOptions();
        options.FirstSeenMerchant.Score = FraudDecisionOptions.DefaultDeclineScore;

        var e = Assert.Throws<FraudConfigurationException>(() => new RuleBasedDetector(options));

        Assert.Contains("Actors:Fraud:FirstSeenMerchant:Score", e.Message, StringComparison.Ordinal);
        Assert.Contains("Actors:Fraud:Decision:DeclineScore", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_velocity_window_must_be_shorter_than_the_long_one()
    {
        var e = Assert.Throws<FraudConfigurationException>(() => FraudOptionsValidator.Validate(new VelocityRuleOptions { ShortWindow = TimeSpan.FromHours(2) }));

        Assert.Contains("Actors:Fraud:Velocity:ShortWindow", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_section_is_refused()
    {
        var options = new FraudOptions { ImpossibleTravel = null! };

        var e = Assert.Throws<FraudConfigurationException>(() => FraudOptionsValidator.Validate(options));

        Assert.Contains("Actors:Fraud:ImpossibleTravel", e.Message, StringComparison.Ordinal);
    }
}
