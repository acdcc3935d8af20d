using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Rules;

public sealed class AmountOutlierRuleTests
{
    [Fact]
    public void Twenty_fold_spike_after_fifty_ordinary_payments_fires()
    {
        var harness = new RuleHarness(new AmountOutlierRule(new AmountOutlierRuleOptions()));
        var ordinary = harness.FeedAll(Shapes.NineToFive(Monday, 50));

        var spike = harness.Feed(At(Monday.AddDays(30).AddHours(12), amountMinor: 80_000));

        Assert.DoesNotContain(ordinary, r => r.Fired);
        Assert.True(spike.Fired);
        Assert.InRange(spike.Score, AmountOutlierRuleOptions.DefaultScore, 2 * AmountOutlierRuleOptions.DefaultScore);
    }

    [Fact]
    public void A_bigger_spike_scores_higher()
    {
        var harness = new RuleHarness(new AmountOutlierRule(new AmountOutlierRuleOptions()));
        harness.FeedAll(Shapes.NineToFive(Monday, 50));
        var rule = new AmountOutlierRule(new AmountOutlierRuleOptions());

        var tenfold = rule.Evaluate(At(Monday.AddDays(30), amountMinor: 40_000), harness.Profile);
        var fiftyfold = rule.Evaluate(At(Monday.AddDays(30), amountMinor: 200_000), harness.Profile);

        Assert.True(fiftyfold.Score > tenfold.Score, $"{fiftyfold.Score} should exceed {tenfold.Score}");
    }

    [Fact]
    public void Spike_during_warm_up_stays_silent()
    {
        var harness = new RuleHarness(new AmountOutlierRule(new AmountOutlierRuleOptions()));
        harness.FeedAll(Shapes.NineToFive(Monday, AmountOutlierRuleOptions.DefaultWarmUpObservations - 1));

        var spike = harness.Feed(At(Monday.AddDays(30), amountMinor: 80_000));

        Assert.False(spike.Fired);
    }

    [Fact]
    public void Declined_spikes_do_not_teach_the_statistics()
    {
        var harness = new RuleHarness(new AmountOutlierRule(new AmountOutlierRuleOptions()));
        harness.FeedAll(Shapes.NineToFive(Monday, 50));
        var mean = harness.Profile.Amounts.Mean;

        var results = harness.FeedAll(Enumerable.Range(0, 10).Select(i => At(Monday.AddDays(30).AddMinutes(i), amountMinor: 80_000)), declineWhenFired: true);

        Assert.All(results, r => Assert.True(r.Fired));
        Assert.Equal(mean, harness.Profile.Amounts.Mean);
    }

    [Fact]
    public void Small_amounts_are_never_outliers()
    {
        var harness = new RuleHarness(new AmountOutlierRule(new AmountOutlierRuleOptions()));
        harness.FeedAll(Enumerable.Range(0, 50).Select(i => At(Monday.AddHours(i), amountMinor: 100)));

        var result = harness.Feed(At(Monday.AddDays(3), amountMinor: 1_900));

        Assert.False(result.Fired);
    }
}
