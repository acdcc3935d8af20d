using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Rules;

public sealed class UnusualHourRuleTests
{
    [Fact]
    public void Three_a_m_payment_of_a_nine_to_five_user_fires()
    {
        var harness = new RuleHarness(new UnusualHourRule(new UnusualHourRuleOptions()));
        var history = harness.FeedAll(Shapes.NineToFive(Monday, 60));

        var night = harness.Feed(At(Monday.AddDays(40).AddHours(3)));

        Assert.DoesNotContain(history.Skip(UnusualHourRuleOptions.DefaultWarmUpObservations), r => r.Fired);
        Assert.Equal(RuleResult.FiredWith(UnusualHourRuleOptions.DefaultScore), night);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(17)]
    public void Usual_and_neighbouring_hours_stay_silent(int hour)
    {
        var harness = new RuleHarness(new UnusualHourRule(new UnusualHourRuleOptions()));
        harness.FeedAll(Shapes.NineToFive(Monday, 60));

        Assert.False(harness.Feed(At(Monday.AddDays(40).AddHours(hour))).Fired);
    }

    [Fact]
    public void Night_payment_before_warm_up_stays_silent()
    {
        var harness = new RuleHarness(new UnusualHourRule(new UnusualHourRuleOptions()));
        harness.FeedAll(Shapes.NineToFive(Monday, UnusualHourRuleOptions.DefaultWarmUpObservations - 1));

        Assert.False(harness.Feed(At(Monday.AddDays(40).AddHours(3))).Fired);
    }
}
