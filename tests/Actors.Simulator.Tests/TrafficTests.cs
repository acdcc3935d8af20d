using Actors.Simulation.Population;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Tests;

public sealed class TrafficTests
{
    private static readonly World World = TestSupport.StatisticsTrace.World;
    private static readonly TraceEvent[] Events = TestSupport.StatisticsTrace.Events;

    [Fact]
    public void Events_are_numbered_without_gaps_and_never_go_back_in_time()
    {
        for (var i = 0; i < Events.Length; i++)
        {
            Assert.Equal(i, Events[i].Seq);
            if (i > 0)
            {
                Assert.True(Events[i].TimeMs >= Events[i - 1].TimeMs, $"event {i} goes back in time");
            }
        }

        Assert.All(Events, e => Assert.InRange(e.TimeMs, World.Options.StartMs, World.Options.EndMs - 1));
    }

    [Fact]
    public void The_trace_is_self_contained_every_user_and_account_appears_before_it_is_used()
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in Events)
        {
            switch (e.Type)
            {
                case EventType.UserRegistered:
                    Assert.True(users.Add(e.UserId!));
                    break;
                case EventType.AccountOpened:
                    Assert.Contains(e.UserId!, users);
                    Assert.True(accounts.Add(e.AccountId!));
                    break;
                case EventType.MerchantRegistered:
                    break;
                default:
                    Assert.Contains(e.UserId!, users);
                    if (e.AccountId is not null)
                    {
                        Assert.Contains(e.AccountId, accounts);
                    }

                    if (e.CounterAccountId is not null)
                    {
                        Assert.Contains(e.CounterAccountId, accounts);
                    }

                    break;
            }

            if (e.AmountMinor != 0 || e.Type is EventType.CardAuthorization or EventType.Transfer or EventType.InitialDeposit or EventType.SalaryDeposit)
            {
                Assert.True(e.AmountMinor > 0, $"seq {e.Seq} has amount {e.AmountMinor}");
                Assert.NotNull(e.Currency);
            }
        }

        Assert.Equal(World.UserCount, users.Count);
        Assert.Equal(World.AccountCount, accounts.Count);
    }

    [Fact]
    public void Card_payments_and_balance_checks_per_user_per_day_match_the_configured_rates_within_five_percent()
    {
        var userDays = World.Activity.Sum(a => (double)a) * World.Options.Days;
        var genuineCards = Events.Count(e => e.Type == EventType.CardAuthorization && e.Fraud == FraudLabel.None && e.Episode == 0);
        var checks = Events.Count(e => e.Type == EventType.BalanceCheck && e.Fraud == FraudLabel.None);
        Assert.InRange(genuineCards / userDays, World.Options.CardEventsPerDay * 0.95, World.Options.CardEventsPerDay * 1.05);
        Assert.InRange(checks / userDays, World.Options.BalanceChecksPerDay * 0.9, World.Options.BalanceChecksPerDay * 1.1);
    }

    [Fact]
    public void Weekends_and_evenings_are_busier_than_nights()
    {
        var cards = Events.Where(e => e.Type == EventType.CardAuthorization && World.UserCountry[int.Parse(e.UserId![1..], System.Globalization.CultureInfo.InvariantCulture)] == 0).ToArray();

        // US users, local time = UTC-5.
        var byHour = new int[24];
        foreach (var e in cards)
        {
            byHour[DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs).ToOffset(TimeSpan.FromHours(-5)).Hour]++;
        }

        Assert.True(byHour[18] > 5 * byHour[3], $"18:00 {byHour[18]} vs 03:00 {byHour[3]}");
        var saturday = cards.Count(e => DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs).ToOffset(TimeSpan.FromHours(-5)).DayOfWeek == DayOfWeek.Saturday);
        var sunday = cards.Count(e => DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs).ToOffset(TimeSpan.FromHours(-5)).DayOfWeek == DayOfWeek.Sunday);
        Assert.True(saturday > sunday * 1.15, $"saturday {saturday} vs sunday {sunday}");
    }

    [Fact]
    public void Fraud_share_of_card_events_matches_the_configured_rates()
    {
        var cards = Events.Where(e => e.Type == EventType.CardAuthorization).ToArray();
        var rates = World.Options.Fraud;
        var total = (double)cards.Count(e => e.Fraud != FraudLabel.None) / cards.Length;
        Assert.InRange(total, rates.Total * 0.8, rates.Total * 1.2);
        foreach (var (label, rate) in new[]
                 {
                     (FraudLabel.CardTesting, rates.CardTesting), (FraudLabel.AccountTakeover, rates.AccountTakeover),
                     (FraudLabel.ClonedCard, rates.ClonedCard), (FraudLabel.MerchantCompromise, rates.MerchantCompromise),
                 })
        {
            var observed = (double)cards.Count(e => e.Fraud == label) / cards.Length;
            Assert.InRange(observed, rate * 0.5, rate * 1.5);
        }
    }

    [Fact]
    public void Default_fraud_rates_add_up_to_the_paysim_reference_of_013_percent()
    {
        Assert.Equal(0.0013, new Actors.Simulation.Options.FraudRates().Total, 10);
    }

    [Fact]
    public void Card_testing_is_a_burst_of_tiny_amounts_at_one_online_merchant_within_fifteen_minutes()
    {
        var episodes = Episodes(FraudLabel.CardTesting);
        Assert.NotEmpty(episodes);
        foreach (var episode in episodes)
        {
            Assert.InRange(episode.Length, 5, 15);
            Assert.All(episode, e => Assert.Equal(EventType.CardAuthorization, e.Type));
            Assert.All(episode, e => Assert.InRange(e.AmountMinor, 50, 199));
            Assert.Single(episode.Select(e => e.AccountId).Distinct());
            Assert.Single(episode.Select(e => e.MerchantId).Distinct());
            Assert.All(episode, e => Assert.Equal(5815, e.Mcc));
            Assert.True(episode[^1].TimeMs - episode[0].TimeMs <= 15 * 60_000);
        }
    }

    [Fact]
    public void Account_takeover_starts_from_a_new_device_abroad_then_drains_within_an_hour()
    {
        var episodes = Episodes(FraudLabel.AccountTakeover);
        Assert.NotEmpty(episodes);
        foreach (var episode in episodes)
        {
            var first = episode[0];
            Assert.Equal(EventType.BalanceCheck, first.Type);
            var user = first.UserId!;
            var home = Countries.All[World.UserCountry[Array.IndexOf(World.UserIds, user)]].Code;
            Assert.NotEqual(home, first.Country);
            Assert.All(episode, e => Assert.Equal(first.Device, e.Device));
            Assert.All(episode, e => Assert.Equal(user, e.UserId));
            Assert.DoesNotContain(Events, e => e.UserId == user && e.Device == first.Device && e.Fraud == FraudLabel.None && e.TimeMs < first.TimeMs);
            var payments = episode.Where(e => e.Type == EventType.CardAuthorization).ToArray();
            Assert.InRange(payments.Length, 3, 6);
            Assert.All(payments, e => Assert.Equal(first.Country, e.Country));
            Assert.True(episode.Count(e => e.Type == EventType.Transfer) <= 1);
            Assert.True(episode[^1].TimeMs - first.TimeMs <= 60 * 60_000);
        }
    }

    [Fact]
    public void Cloned_card_is_used_in_another_country_within_an_hour_of_a_genuine_payment()
    {
        var episodes = Episodes(FraudLabel.ClonedCard);
        Assert.NotEmpty(episodes);
        foreach (var episode in episodes)
        {
            var account = episode[0].AccountId;
            var genuine = Events.Last(e => e.AccountId == account && e.Type == EventType.CardAuthorization && e.Fraud == FraudLabel.None && e.Seq < episode[0].Seq);
            Assert.All(episode, e =>
            {
                Assert.Equal(account, e.AccountId);
                Assert.NotEqual(genuine.Country, e.Country);
                Assert.InRange(e.TimeMs - genuine.TimeMs, 1, 60 * 60_000);
            });
        }
    }

    [Fact]
    public void Merchant_compromise_exposes_many_cards_at_one_merchant_then_uses_them_elsewhere()
    {
        var episodes = Episodes(FraudLabel.MerchantCompromise);
        Assert.NotEmpty(episodes);
        foreach (var episode in episodes)
        {
            var id = episode[0].Episode;
            var exposures = Events.Where(e => e.Episode == id && e.Fraud == FraudLabel.None).ToArray();
            Assert.Single(exposures.Select(e => e.MerchantId).Distinct());
            var exposed = exposures.Select(e => e.AccountId!).Distinct().ToArray();
            Assert.True(exposed.Length >= 8, $"episode {id} exposed only {exposed.Length} cards");
            foreach (var fraud in episode)
            {
                Assert.Contains(fraud.AccountId!, exposed);
                Assert.NotEqual(exposures[0].MerchantId, fraud.MerchantId);
                Assert.True(exposures.Where(x => x.AccountId == fraud.AccountId).Min(x => x.TimeMs) < fraud.TimeMs);
            }
        }
    }

    [Fact]
    public void Enumerating_twice_gives_the_same_events_and_another_seed_another_trace()
    {
        var world = TestSupport.Small(seed: 11, users: 100);
        var generator = new TrafficGenerator(world);
        Assert.Equal(generator.ToArray(), generator.ToArray());
        var other = new TrafficGenerator(TestSupport.Small(seed: 12, users: 100)).ToArray();
        Assert.NotEqual(generator.ToArray(), other);
    }

    private static TraceEvent[][] Episodes(FraudLabel label) =>
        Events.Where(e => e.Fraud == label).GroupBy(e => e.Episode).Select(g => g.OrderBy(e => e.Seq).ToArray()).ToArray();
}
