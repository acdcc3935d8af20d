using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Rules;

public sealed class MerchantRuleTests
{
    [Theory]
    [InlineData(7995)]
    [InlineData(6051)]
    [InlineData(4829)]
    public void Risky_default_category_fires(int category)
    {
        var rule = new RiskyMerchantCategoryRule(new RiskyMerchantCategoryRuleOptions());

        var result = rule.Evaluate(At(Monday, category: category), new AccountFraudProfile());

        Assert.Equal(RuleResult.FiredWith(RiskyMerchantCategoryRuleOptions.DefaultScore), result);
    }

    [Fact]
    public void Everyday_category_stays_silent()
    {
        var rule = new RiskyMerchantCategoryRule(new RiskyMerchantCategoryRuleOptions());

        Assert.False(rule.Evaluate(At(Monday, category: 5411), new AccountFraudProfile()).Fired);
    }

    [Fact]
    public void Configured_categories_replace_the_defaults()
    {
        var rule = new RiskyMerchantCategoryRule(new RiskyMerchantCategoryRuleOptions { Categories = [5732] });

        Assert.True(rule.IsRisky(5732));
        Assert.False(rule.IsRisky(7995));
    }

    [Fact]
    public void First_payment_at_a_merchant_fires_and_the_next_one_does_not()
    {
        var harness = new RuleHarness(new FirstSeenMerchantRule(new FirstSeenMerchantRuleOptions()));

        var first = harness.Feed(At(Monday, merchant: "M-NEW"));
        var second = harness.Feed(At(Monday.AddDays(1), merchant: "M-NEW"));
        var other = harness.Feed(At(Monday.AddDays(2), merchant: "M-OTHER"));

        Assert.Equal(RuleResult.FiredWith(FirstSeenMerchantRuleOptions.DefaultScore), first);
        Assert.False(second.Fired);
        Assert.True(other.Fired);
    }

    [Fact]
    public void Merchant_of_a_declined_payment_is_not_learned()
    {
        var harness = new RuleHarness(new FirstSeenMerchantRule(new FirstSeenMerchantRuleOptions()));

        harness.Feed(At(Monday, merchant: "M-FRAUD"), declineWhenFired: true);
        var again = harness.Feed(At(Monday.AddMinutes(1), merchant: "M-FRAUD"));

        Assert.True(again.Fired);
    }
}
