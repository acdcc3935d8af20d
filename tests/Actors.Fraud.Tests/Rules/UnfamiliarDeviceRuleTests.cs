using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Rules;

public sealed class UnfamiliarDeviceRuleTests
{
    private static readonly DateTimeOffset Noon = Monday.AddHours(12);

    private static AuthorizationContext Online(DateTimeOffset at, int device, string country = "US") =>
        At(at, country: country) with { CardPresent = false, Device = device };

    [Fact]
    public void A_takeover_device_fires_after_the_owner_has_used_their_own_and_more_strongly_abroad()
    {
        var harness = new RuleHarness(new UnfamiliarDeviceRule(new UnfamiliarDeviceRuleOptions()));
        harness.Feed(Online(Noon, device: 1));

        var atHome = harness.Feed(Online(Noon.AddHours(1), device: 77));
        var abroad = harness.Feed(Online(Noon.AddHours(2), device: 78, country: "RU"));

        Assert.Equal(RuleResult.FiredWith(UnfamiliarDeviceRuleOptions.DefaultScore), atHome);
        Assert.Equal(RuleResult.FiredWith(UnfamiliarDeviceRuleOptions.DefaultScore + UnfamiliarDeviceRuleOptions.DefaultAbroadScore), abroad);
    }

    [Fact]
    public void The_first_device_is_learned_silently_at_home_and_the_owners_devices_stay_silent()
    {
        var harness = new RuleHarness(new UnfamiliarDeviceRule(new UnfamiliarDeviceRuleOptions()));

        var first = harness.Feed(Online(Noon, device: 1));
        var again = harness.Feed(Online(Noon.AddDays(1), device: 1));
        var atTerminal = harness.Feed(At(Noon.AddDays(2)));

        Assert.False(first.Fired);
        Assert.False(again.Fired);
        Assert.False(atTerminal.Fired);
    }

    [Fact]
    public void A_first_device_paying_abroad_fires()
    {
        var harness = new RuleHarness(new UnfamiliarDeviceRule(new UnfamiliarDeviceRuleOptions()));

        var result = harness.Feed(Online(Noon, device: 55, country: "NG"));

        Assert.True(result.Fired);
    }

    [Fact]
    public void Online_payments_neither_fire_impossible_travel_nor_move_the_last_place()
    {
        var harness = new RuleHarness(new ImpossibleTravelRule(new ImpossibleTravelRuleOptions()));
        harness.Feed(At(Noon, country: "US"));

        var onlineAbroad = harness.Feed(Online(Noon.AddMinutes(5), device: 1, country: "JP"));
        var backAtHome = harness.Feed(At(Noon.AddMinutes(10), country: "US"));

        Assert.False(onlineAbroad.Fired);
        Assert.False(backAtHome.Fired);
    }

    [Fact]
    public void The_device_set_keeps_four_devices_and_replaces_the_oldest()
    {
        var set = default(DeviceSet);
        foreach (var device in new[] { 1, 2, 3, 4, 5 })
        {
            set.Add(device);
        }

        Assert.False(set.Contains(1));
        Assert.True(set.Contains(2) && set.Contains(3) && set.Contains(4) && set.Contains(5));
    }
}
