using Actors.Simulation.Population;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Tests;

public sealed class TrafficTests
{
    private static readonly World World = TestSupport.StatisticsTrace.World;
    private static readonly TraceEvent[] Events = TestSupport.StatisticsTrace.Events;
    private static readonly int[] OnlineMccs = MerchantCategories.All.Where(c => c.Online).Select(c => c.Mcc).ToArray();

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
            Assert.Contains(episode[0].Mcc, OnlineMccs);
            Assert.Single(episode.Select(e => e.Device).Distinct());
            Assert.NotEqual(0, episode[0].Device);
            Assert.True(episode[^1].TimeMs - episode[0].TimeMs <= 15 * 60_000);
        }

        Assert.Contains(episodes, episode => episode[0].Mcc == 5815);
    }

    [Fact]
    public void Account_takeover_starts_from_one_device_then_drains_within_an_hour_mostly_abroad_and_from_a_new_device()
    {
        var episodes = Episodes(FraudLabel.AccountTakeover);
        Assert.NotEmpty(episodes);
        int abroad = 0, newDevice = 0;
        foreach (var episode in episodes)
        {
            var first = episode[0];
            Assert.Equal(EventType.BalanceCheck, first.Type);
            var user = first.UserId!;
            var home = Countries.All[World.UserCountry[Array.IndexOf(World.UserIds, user)]].Code;
            abroad += home != first.Country ? 1 : 0;
            Assert.NotEqual(0, first.Device);
            Assert.All(episode, e => Assert.Equal(first.Device, e.Device));
            Assert.All(episode, e => Assert.Equal(user, e.UserId));
            newDevice += Events.Any(e => e.UserId == user && e.Device == first.Device && e.Fraud == FraudLabel.None && e.TimeMs < first.TimeMs) ? 0 : 1;
            var payments = episode.Where(e => e.Type == EventType.CardAuthorization).ToArray();
            Assert.InRange(payments.Length, 3, 6);
            Assert.All(payments, e => Assert.Equal(first.Country, e.Country));
            Assert.True(episode.Count(e => e.Type == EventType.Transfer) <= 1);
            Assert.True(episode[^1].TimeMs - first.TimeMs <= 60 * 60_000);
        }

        // Not every one: some attackers work from the victim's country, some from a device that looks like theirs.
        Assert.InRange(abroad, episodes.Length / 3, episodes.Length - 1);
        Assert.InRange(newDevice, episodes.Length / 2, episodes.Length - 1);
    }

    [Fact]
    public void Cloned_card_is_used_within_an_hour_of_a_genuine_payment_mostly_in_another_country()
    {
        var episodes = Episodes(FraudLabel.ClonedCard);
        Assert.NotEmpty(episodes);
        var abroad = 0;
        foreach (var episode in episodes)
        {
            var account = episode[0].AccountId;
            var genuine = Events.Last(e => e.AccountId == account && e.Type == EventType.CardAuthorization && e.Fraud == FraudLabel.None && e.Seq < episode[0].Seq);
            abroad += episode[0].Country != genuine.Country ? 1 : 0;
            Assert.All(episode, e =>
            {
                Assert.Equal(account, e.AccountId);
                Assert.Equal(0, e.Device);
                Assert.InRange(e.TimeMs - genuine.TimeMs, 1, 60 * 60_000);
            });
        }

        Assert.InRange(abroad, episodes.Length / 2, episodes.Length - 1);
    }

    [Fact]
    public void Merchant_compromise_uses_cards_that_all_paid_at_one_other_merchant_hours_before()
    {
        var episodes = Episodes(FraudLabel.MerchantCompromise);
        Assert.NotEmpty(episodes);
        foreach (var episode in episodes)
        {
            // The exposures are genuine payments without an episode id: find the merchant every used card paid at before.
            var start = episode[0].TimeMs - (7 * 3_600_000L);
            var cards = episode.Select(e => e.AccountId!).Distinct(StringComparer.Ordinal).ToArray();
            var common = cards
                .Select(card => Events.Where(e => e.AccountId == card && e.Type == EventType.CardAuthorization && e.Fraud == FraudLabel.None && e.TimeMs >= start && e.TimeMs < episode[0].TimeMs).Select(e => e.MerchantId!).ToHashSet(StringComparer.Ordinal))
                .Aggregate((a, b) => { a.IntersectWith(b); return a; });
            Assert.True(cards.Length >= 2, $"episode {episode[0].Episode} used {cards.Length} card(s)");
            Assert.NotEmpty(common);
            Assert.All(episode, e => Assert.DoesNotContain(e.MerchantId!, common));
        }
    }

    [Fact]
    public void Only_fraud_carries_an_episode_and_legitimate_traffic_overlaps_fraud_in_devices_borders_and_travel()
    {
        Assert.DoesNotContain(Events, e => e.Fraud == FraudLabel.None && e.Episode != 0);
        Assert.DoesNotContain(Events, e => e.Fraud != FraudLabel.None && e.Episode == 0);

        var genuine = Events.Where(e => e.Type == EventType.CardAuthorization && e.Fraud == FraudLabel.None).ToArray();
        var online = genuine.Where(e => e.Device != 0).ToArray();
        Assert.True(online.Select(e => e.Device).Distinct().Count() >= 5, "legitimate users pay from several device numbers");
        var homes = World.UserIds.Select((id, u) => (id, Countries.All[World.UserCountry[u]].Code)).ToDictionary(p => p.id, p => p.Code, StringComparer.Ordinal);
        var crossBorderOnline = (double)online.Count(e => e.Country != homes[e.UserId!]) / online.Length;
        Assert.InRange(crossBorderOnline, 0.02, 0.2);

        // Fraud devices are numbers legitimate users have too.
        var legitimateDevices = online.Select(e => e.Device).ToHashSet();
        Assert.All(Events.Where(e => e.Fraud != FraudLabel.None && e.Device != 0), e => Assert.Contains(e.Device, legitimateDevices));

        // Some genuine trips start within hours of the last payment at home (by land or a short flight).
        var shortHops = 0;
        foreach (var user in genuine.Where(e => e.Device == 0).GroupBy(e => e.UserId!))
        {
            var payments = user.ToArray();
            for (var i = 1; i < payments.Length; i++)
            {
                var home = homes[user.Key];
                if (payments[i - 1].Country == home && payments[i].Country != home && payments[i].TimeMs - payments[i - 1].TimeMs < 27 * 3_600_000L)
                {
                    shortHops++;
                }
            }
        }

        Assert.True(shortHops > 0, "no genuine trip started within 27 hours of a payment at home");
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
        Events.Where(e => e.Fraud == label && e.Type != EventType.Chargeback).GroupBy(e => e.Episode).Select(g => g.OrderBy(e => e.Seq).ToArray()).ToArray();
}
