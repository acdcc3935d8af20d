using Actors.Simulation.Population;
using Actors.Simulation.Randomness;

namespace Actors.Simulation.Traffic;

/// <summary>
/// Starts fraud episodes at genuine card payments and plans their events ahead. Each pattern starts
/// with probability rate / (mean card events per episode), so its card events make up about the
/// configured share of all card events. An episode only starts when it fits before the end of the
/// period, so every labelled episode in a trace is complete and has its full shape:
/// <list type="bullet">
/// <item>card testing: 5-15 authorizations of 0.50-1.99 (minor units 50-199) at one online merchant (mostly digital goods; at home or abroad), seconds apart, from a device new to the user, within 15 minutes;</item>
/// <item>account takeover: a balance check from a device new to the user (sometimes one that looks like the user's own), abroad or at home, then 3-6 large card-not-present payments and a transfer out, from that device and country, within an hour;</item>
/// <item>cloned card: right after a genuine payment, 1-3 card-present payments with the same card, mostly in another country, all within 60 minutes of it;</item>
/// <item>merchant compromise: 8-20 distinct cards pay at one merchant within an hour (genuine payments, label none, no episode), then 2-6 hours later each is used 1-3 times elsewhere (labelled), online from a device new to the user or at a terminal, at home or abroad.</item>
/// </list>
/// Fraud draws its devices, countries and categories from ranges legitimate traffic also covers
/// (new device numbers, cross-border payments, every category), so no single column gives it away.
/// </summary>
internal sealed class FraudInjector
{
    public const long TestingSpanMs = 15 * 60_000;
    public const long CloneWindowMs = 60 * 60_000;
    private const double CardTestingMean = 10;
    private const double TakeoverMean = 4.5;
    private const double ClonedMean = 2;
    private const double CompromiseMean = 28;
    private static readonly int[] RiskyCategories = [MerchantCategories.Electronics, MerchantCategories.Crypto, MerchantCategories.OnlineRetail, MerchantCategories.DigitalGoods];
    private static readonly int[] OnlineCategories = Enumerable.Range(0, MerchantCategories.All.Count).Where(c => MerchantCategories.All[c].Online).ToArray();

    /// <summary>Share of takeovers whose device looks like one of the user's own (a spoofed fingerprint, malware on the phone).</summary>
    private const double FamiliarDeviceShare = 0.3;

    /// <summary>Share of episodes run from (or at merchants in) the victim's own country.</summary>
    private const double LocalShare = 0.4;

    private readonly World _world;
    private readonly DeviceBook _devices;
    private readonly CardBook _cards;
    private readonly long _endMs;
    private readonly Action<ScriptedEvent> _plan;
    private readonly Func<int, int, int, long> _amount;
    private readonly double _testing;
    private readonly double _takeover;
    private readonly double _cloned;
    private readonly double _compromise;
    private readonly double[] _perEpisode;
    private readonly double _drift;
    private readonly long _startMs;
    private long _episodes;

    /// <param name="amount">Amount in minor units for (category, account, times) as a genuine payment would draw it, times over.</param>
    public FraudInjector(World world, long endMs, DeviceBook devices, CardBook cards, Action<ScriptedEvent> plan, Func<int, int, int, long> amount)
    {
        _world = world;
        _devices = devices;
        _cards = cards;
        _endMs = endMs;
        _plan = plan;
        _amount = amount;
        var rates = world.Options.Fraud;
        _testing = rates.CardTesting / CardTestingMean;
        _takeover = _testing + rates.AccountTakeover / TakeoverMean;
        _cloned = _takeover + rates.ClonedCard / ClonedMean;
        _compromise = _cloned + rates.MerchantCompromise / CompromiseMean;
        _perEpisode = [rates.CardTesting / CardTestingMean, rates.AccountTakeover / TakeoverMean, rates.ClonedCard / ClonedMean, rates.MerchantCompromise / CompromiseMean];
        _drift = rates.Drift;
        _startMs = world.Options.StartMs;
    }

    public long Episodes => _episodes;

    /// <summary>Called after each genuine card payment (with the card it used); may plan an episode that starts right after it.</summary>
    public void OnCardPayment(ref Xoshiro256 random, int account, int merchant, int country, long timeMs, int card)
    {
        if (_compromise <= 0)
        {
            return;
        }

        var (testing, takeover, cloned, compromise) = _drift == 0 ? (_testing, _takeover, _cloned, _compromise) : Drifted(timeMs);
        var roll = random.NextDouble();
        if (roll >= compromise)
        {
            return;
        }

        if (roll < testing)
        {
            CardTesting(ref random, account, timeMs);
        }
        else if (roll < takeover)
        {
            Takeover(ref random, account, timeMs);
        }
        else if (roll < cloned)
        {
            Cloned(ref random, account, country, timeMs, card);
        }
        else
        {
            Compromise(ref random, merchant, timeMs);
        }
    }

    /// <summary>The cumulative start thresholds at <paramref name="timeMs"/> under concept drift (see <see cref="Options.FraudRates.Drift"/>).</summary>
    private (double Testing, double Takeover, double Cloned, double Compromise) Drifted(long timeMs)
    {
        var x = 2.0 * (timeMs - _startMs) / (_endMs - _startMs) - 1;
        var fading = 1 - _drift * x;
        var growing = 1 + _drift * x;
        var testing = _perEpisode[0] * fading;
        var takeover = testing + _perEpisode[1] * growing;
        var cloned = takeover + _perEpisode[2] * fading;
        return (testing, takeover, cloned, cloned + _perEpisode[3] * growing);
    }

    private void CardTesting(ref Xoshiro256 random, int account, long t)
    {
        if (t + TestingSpanMs >= _endMs)
        {
            return;
        }

        var episode = ++_episodes;
        var owner = _world.AccountOwner[account];
        var where = random.Chance(LocalShare) ? _world.UserCountry[owner] : random.NextInt(Countries.All.Count);
        var category = random.Chance(0.6) ? MerchantCategories.DigitalGoods : OnlineCategories[random.NextInt(OnlineCategories.Length)];
        var merchant = PickMerchant(ref random, where, category);
        var country = _world.MerchantCountry[merchant];
        var device = _devices.Stranger(owner);
        var card = _cards.Choose(account, t);
        var count = random.NextInt(5, 15);
        for (var i = 0; i < count; i++)
        {
            // Seconds apart: at most 15 x 60 s from the genuine payment.
            t += random.NextInt(5_000, 59_000);
            _plan(new ScriptedEvent(t, EventType.CardAuthorization, FraudLabel.CardTesting, episode, account, merchant, random.NextInt(50, 199), country, device, -1) { Card = card });
        }
    }

    private void Takeover(ref Xoshiro256 random, int account, long t)
    {
        if (t + CloneWindowMs >= _endMs)
        {
            return;
        }

        var episode = ++_episodes;
        var owner = _world.AccountOwner[account];
        var home = _world.UserCountry[owner];
        var country = random.Chance(LocalShare) ? home : OtherCountry(ref random, home);
        var device = random.Chance(FamiliarDeviceShare) ? _devices.Owned(ref random, owner) : _devices.Stranger(owner);
        t += random.NextInt(60_000, 300_000);
        _plan(new ScriptedEvent(t, EventType.BalanceCheck, FraudLabel.AccountTakeover, episode, account, -1, 0, country, device, -1));
        // The card details stored in the account: the one its owner would pay with at that moment.
        var card = _cards.Choose(account, t);
        var payments = random.NextInt(3, 6);
        for (var i = 0; i < payments; i++)
        {
            t += random.NextInt(60_000, 300_000);
            var merchant = PickMerchant(ref random, country, random.Chance(0.6) ? RiskyCategories[random.NextInt(RiskyCategories.Length)] : OnlineCategories[random.NextInt(OnlineCategories.Length)]);

            // Draining: amounts several times a genuine payment in that category.
            var amount = _amount(_world.MerchantCategory[merchant], account, random.NextInt(3, 8));
            _plan(new ScriptedEvent(t, EventType.CardAuthorization, FraudLabel.AccountTakeover, episode, account, merchant, amount, country, device, -1) { Card = card });
        }

        var target = SameCurrencyAccount(ref random, account);
        if (target >= 0)
        {
            t += random.NextInt(60_000, 300_000);
            var amount = _world.SalaryMinor[owner] / 2 + 1;
            _plan(new ScriptedEvent(t, EventType.Transfer, FraudLabel.AccountTakeover, episode, account, -1, amount, country, device, target));
        }
    }

    private void Cloned(ref Xoshiro256 random, int account, int genuineCountry, long t, int card)
    {
        if (t + CloneWindowMs >= _endMs)
        {
            return;
        }

        var episode = ++_episodes;

        // Mostly abroad (impossible travel); some clones are used in the same country.
        var country = random.Chance(0.25) ? genuineCountry : OtherCountry(ref random, genuineCountry);
        var persona = Personas.All[_world.Persona[_world.AccountOwner[account]]];
        var count = random.NextInt(1, 3);
        t += random.NextInt(300_000, 600_000);
        for (var i = 0; i < count; i++)
        {
            var category = random.NextInt(persona.CategoryWeights.Length);
            var merchant = PickMerchant(ref random, country, category);
            _plan(new ScriptedEvent(t, EventType.CardAuthorization, FraudLabel.ClonedCard, episode, account, merchant, _amount(category, account, 2), country, 0, -1) { Card = card });
            t += random.NextInt(60_000, 900_000);
        }
    }

    private void Compromise(ref Xoshiro256 random, int merchant, long t)
    {
        const long window = 7 * Rhythm.HourMs;
        if (t + window >= _endMs)
        {
            return;
        }

        var country = _world.MerchantCountry[merchant];
        var locals = _world.UsersByCountry[country];
        var cards = Math.Min(random.NextInt(8, 20), locals.Length);
        if (cards < 2)
        {
            return;
        }

        var episode = ++_episodes;
        var exposed = new HashSet<int>();
        for (var attempt = 0; exposed.Count < cards && attempt < cards * 4; attempt++)
        {
            var owner = locals[random.NextInt(locals.Length)];
            exposed.Add(_world.FirstAccount[owner]);
        }

        foreach (var account in exposed.Order())
        {
            // The skimming happens during genuine payments: label none and, like every genuine event, no episode.
            var exposure = t + random.NextInt(60_000, 3_600_000);
            var card = _cards.Choose(account, exposure);
            _plan(new ScriptedEvent(exposure, EventType.CardAuthorization, FraudLabel.None, 0, account, merchant, _amount(_world.MerchantCategory[merchant], account, 1), country, 0, -1) { Card = card });
            var uses = random.NextInt(1, 3);
            var stranger = _devices.Stranger(_world.AccountOwner[account]);
            for (var i = 0; i < uses; i++)
            {
                var at = t + 2 * Rhythm.HourMs + random.NextLong(0, 4 * Rhythm.HourMs);
                var elsewhere = random.Chance(LocalShare) ? country : random.NextInt(Countries.All.Count);
                var category = random.Chance(0.6) ? RiskyCategories[random.NextInt(RiskyCategories.Length)] : random.NextInt(MerchantCategories.All.Count);
                var target = PickMerchant(ref random, elsewhere, category);
                if (target == merchant)
                {
                    continue;
                }

                var device = MerchantCategories.All[category].Online ? stranger : 0;
                _plan(new ScriptedEvent(at, EventType.CardAuthorization, FraudLabel.MerchantCompromise, episode, account, target, _amount(category, account, 2), elsewhere, device, -1) { Card = card });
            }
        }
    }

    private int PickMerchant(ref Xoshiro256 random, int country, int category)
    {
        var cell = World.Cell(country, category);
        return _world.MerchantsByCell[cell][_world.CellPopularity[cell].Sample(ref random)];
    }

    private static int OtherCountry(ref Xoshiro256 random, int country)
    {
        var other = random.NextInt(Countries.All.Count - 1);
        return other >= country ? other + 1 : other;
    }

    private int SameCurrencyAccount(ref Xoshiro256 random, int account)
    {
        var owner = _world.AccountOwner[account];
        var pool = _world.AccountsByCurrency[_world.CountryCurrency[_world.UserCountry[owner]]];
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = pool[random.NextInt(pool.Length)];
            if (_world.AccountOwner[candidate] != owner)
            {
                return candidate;
            }
        }

        return -1;
    }
}
