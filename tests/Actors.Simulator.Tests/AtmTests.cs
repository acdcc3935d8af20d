using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Tests;

/// <summary>ATM cash withdrawals (format 3): card present, MCC 6011, round amounts, where the user is.</summary>
public sealed class AtmTests
{
    private static readonly World World = TestSupport.StatisticsTrace.World;
    private static readonly TraceEvent[] Events = TestSupport.StatisticsTrace.Events;

    private static TraceEvent[] Withdrawals => Events.Where(e => e.Type == EventType.AtmWithdrawal).ToArray();

    [Fact]
    public void Withdrawals_are_card_present_at_mcc_6011_from_the_users_first_account_without_a_merchant()
    {
        var firstAccounts = Enumerable.Range(0, World.UserCount).Select(u => World.AccountIds[World.FirstAccount[u]]).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(Withdrawals);
        Assert.All(Withdrawals, w =>
        {
            Assert.Equal((6011, 0, FraudLabel.None, 0L, (string?)null), (w.Mcc, w.Device, w.Fraud, w.Episode, w.MerchantId));
            Assert.Contains(w.AccountId!, firstAccounts);
        });
    }

    [Fact]
    public void Amounts_are_whole_notes_of_the_currencys_unit()
    {
        var units = new Dictionary<string, long>(StringComparer.Ordinal) { ["USD"] = 2_000, ["EUR"] = 1_000, ["GBP"] = 1_000, ["PLN"] = 5_000 };

        Assert.All(Withdrawals, w =>
        {
            Assert.Equal(0, w.AmountMinor % units[w.Currency!]);
            Assert.InRange(w.AmountMinor / units[w.Currency!], 1, 20);
        });
        Assert.Equal(4, Withdrawals.Select(w => w.Currency).Distinct().Count());
    }

    [Fact]
    public void Most_withdrawals_are_at_home_and_the_rest_in_the_country_of_a_trip()
    {
        var home = Events.Where(e => e.Type == EventType.UserRegistered).ToDictionary(e => e.UserId!, e => e.Country!, StringComparer.Ordinal);
        var abroad = Withdrawals.Where(w => w.Country != home[w.UserId!]).ToArray();

        Assert.InRange((double)abroad.Length / Withdrawals.Length, 0.001, 0.1);
        // Abroad only where the user also paid in a shop that day: on a trip, not at random.
        var shopsAbroad = Events.Where(e => e.Type == EventType.CardAuthorization && e.Fraud == FraudLabel.None && e.Device == 0 && e.Country != home[e.UserId!])
            .Select(e => (e.UserId, e.Country, Day: e.TimeMs / 86_400_000)).ToHashSet();
        var onATrip = abroad.Count(w => shopsAbroad.Contains((w.UserId, w.Country, w.TimeMs / 86_400_000 - 1)) || shopsAbroad.Contains((w.UserId, w.Country, w.TimeMs / 86_400_000))
            || shopsAbroad.Contains((w.UserId, w.Country, w.TimeMs / 86_400_000 + 1)));
        Assert.True(onATrip >= abroad.Length * 0.7, $"{onATrip} of {abroad.Length} withdrawals abroad near a shop payment there");
    }

    [Fact]
    public void About_the_set_rate_of_withdrawals_per_user_per_day_and_none_at_rate_0()
    {
        var perUserDay = (double)Withdrawals.Length / World.UserCount / World.Options.Days;
        var none = new TrafficGenerator(WorldBuilder.Build(new SimulationOptions { Seed = 7, Users = 300, Days = 2, AtmWithdrawalsPerDay = 0 }));

        Assert.InRange(perUserDay, 0.05, 0.09);
        Assert.DoesNotContain(none, e => e.Type == EventType.AtmWithdrawal);
    }
}
