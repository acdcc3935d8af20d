using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Rules;

public sealed class VelocityRuleTests
{
    [Fact]
    public void Burst_within_a_minute_fires_from_the_first_authorization_over_the_limit()
    {
        var harness = new RuleHarness(new VelocityRule(new VelocityRuleOptions()));

        var results = harness.FeedAll(Shapes.VelocityBurst(Monday.AddHours(12), count: 8, gap: TimeSpan.FromSeconds(5)));

        Assert.All(results.Take(5), r => Assert.False(r.Fired));
        Assert.All(results.Skip(5), r => Assert.Equal(RuleResult.FiredWith(VelocityRuleOptions.DefaultScore), r));
    }

    [Fact]
    public void Many_payments_an_hour_fire_on_the_long_window_even_when_each_minute_is_calm()
    {
        var harness = new RuleHarness(new VelocityRule(new VelocityRuleOptions()));

        // 2 minutes apart: never more than one a minute, but 25 within 50 minutes.
        var results = harness.FeedAll(Shapes.VelocityBurst(Monday.AddHours(12), count: 25, gap: TimeSpan.FromMinutes(2)));

        Assert.All(results.Take(20), r => Assert.False(r.Fired));
        Assert.All(results.Skip(20), r => Assert.True(r.Fired));
    }

    [Fact]
    public void Too_much_money_within_the_hour_fires()
    {
        var harness = new RuleHarness(new VelocityRule(new VelocityRuleOptions { MaxAmountPerLongWindowMinor = 100_000 }));

        var first = harness.Feed(At(Monday.AddHours(12), amountMinor: 60_000));
        var second = harness.Feed(At(Monday.AddHours(12).AddMinutes(10), amountMinor: 50_000));

        Assert.False(first.Fired);
        Assert.True(second.Fired);
    }

    [Fact]
    public void Payments_spread_over_the_day_stay_silent()
    {
        var harness = new RuleHarness(new VelocityRule(new VelocityRuleOptions()));

        var results = harness.FeedAll(Shapes.VelocityBurst(Monday, count: 100, gap: TimeSpan.FromMinutes(15)));

        Assert.DoesNotContain(results, r => r.Fired);
    }

    [Fact]
    public void Declined_attempts_still_count_towards_velocity()
    {
        var harness = new RuleHarness(new VelocityRule(new VelocityRuleOptions()));

        var results = harness.FeedAll(Shapes.VelocityBurst(Monday, count: 10, gap: TimeSpan.FromSeconds(3)), declineWhenFired: true);

        Assert.All(results.Skip(5), r => Assert.True(r.Fired));
    }
}
