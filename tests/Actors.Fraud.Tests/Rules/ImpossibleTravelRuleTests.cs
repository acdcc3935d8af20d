using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Rules;

public sealed class ImpossibleTravelRuleTests
{
    private static readonly DateTimeOffset Noon = Monday.AddHours(12);

    [Fact]
    public void Country_change_within_thirty_minutes_fires()
    {
        var harness = new RuleHarness(new ImpossibleTravelRule(new ImpossibleTravelRuleOptions()));
        harness.Feed(At(Noon, country: "US"));

        var abroad = harness.Feed(At(Noon.AddMinutes(30), country: "GB"));

        Assert.Equal(RuleResult.FiredWith(ImpossibleTravelRuleOptions.DefaultScore), abroad);
    }

    [Fact]
    public void Every_payment_of_a_cloned_card_abroad_fires_while_the_home_payment_is_recent()
    {
        var harness = new RuleHarness(new ImpossibleTravelRule(new ImpossibleTravelRuleOptions()));
        harness.Feed(At(Noon, country: "US"));

        var clones = harness.FeedAll([At(Noon.AddMinutes(10), country: "PL"), At(Noon.AddMinutes(25), country: "PL"), At(Noon.AddMinutes(50), country: "PL")], declineWhenFired: true);

        Assert.All(clones, r => Assert.True(r.Fired));
    }

    [Fact]
    public void A_flight_long_enough_for_the_distance_stays_silent()
    {
        var harness = new RuleHarness(new ImpossibleTravelRule(new ImpossibleTravelRuleOptions()));
        harness.Feed(At(Noon, country: "US"));

        var arrival = harness.Feed(At(Noon.AddHours(14), country: "GB"));

        Assert.False(arrival.Fired);
    }

    [Fact]
    public void Distance_sets_the_time_needed_neighbours_sooner_than_other_continents()
    {
        var rule = new ImpossibleTravelRule(new ImpossibleTravelRuleOptions());

        var neighbours = TimeSpan.FromTicks(rule.NeededTicks(CountryCodes.Pack("DE"), CountryCodes.Pack("AT")));
        var atlantic = TimeSpan.FromTicks(rule.NeededTicks(CountryCodes.Pack("US"), CountryCodes.Pack("PL")));

        Assert.InRange(neighbours, TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        Assert.InRange(atlantic, TimeSpan.FromHours(9), TimeSpan.FromHours(13));
    }

    [Fact]
    public void Countries_without_a_centroid_need_the_unknown_distance_interval()
    {
        var harness = new RuleHarness(new ImpossibleTravelRule(new ImpossibleTravelRuleOptions()));
        harness.Feed(At(Noon, country: "US"));

        var soon = new ImpossibleTravelRule(new ImpossibleTravelRuleOptions()).Evaluate(At(Noon.AddHours(2.5), country: "QQ"), harness.Profile);
        var later = new ImpossibleTravelRule(new ImpossibleTravelRuleOptions()).Evaluate(At(Noon.AddHours(3.5), country: "QQ"), harness.Profile);

        Assert.True(soon.Fired);
        Assert.False(later.Fired);
    }

    [Fact]
    public void Staying_in_one_country_stays_silent()
    {
        var harness = new RuleHarness(new ImpossibleTravelRule(new ImpossibleTravelRuleOptions()));

        var results = harness.FeedAll(Shapes.VelocityBurst(Noon, count: 20, gap: TimeSpan.FromMinutes(1)));

        Assert.DoesNotContain(results, r => r.Fired);
    }
}
