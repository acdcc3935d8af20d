using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Rules;

public sealed class CardTestingRuleTests
{
    [Fact]
    public void Burst_of_one_dollar_authorizations_fires_from_the_third()
    {
        var harness = new RuleHarness(new CardTestingRule(new CardTestingRuleOptions()));

        var results = harness.FeedAll(Shapes.CardTestingBurst(Monday.AddHours(3), count: 10), declineWhenFired: true);

        Assert.False(results[0].Fired);
        Assert.False(results[1].Fired);
        Assert.All(results.Skip(2), r => Assert.Equal(RuleResult.FiredWith(CardTestingRuleOptions.DefaultScore), r));
    }

    [Fact]
    public void Tiny_payments_hours_apart_stay_silent()
    {
        var harness = new RuleHarness(new CardTestingRule(new CardTestingRuleOptions()));

        var results = harness.FeedAll(Enumerable.Range(0, 20).Select(i => At(Monday.AddHours(i * 2), amountMinor: 150, category: 4111)));

        Assert.DoesNotContain(results, r => r.Fired);
    }

    [Fact]
    public void Ordinary_amounts_in_a_burst_are_not_card_testing()
    {
        var harness = new RuleHarness(new CardTestingRule(new CardTestingRuleOptions()));

        var results = harness.FeedAll(Shapes.VelocityBurst(Monday, count: 10, gap: TimeSpan.FromSeconds(30)));

        Assert.DoesNotContain(results, r => r.Fired);
    }
}
