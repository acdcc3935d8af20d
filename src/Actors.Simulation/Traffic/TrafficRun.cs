using Actors.Simulation.Population;
using Actors.Simulation.Randomness;
using Actors.Users;

namespace Actors.Simulation.Traffic;

/// <summary>
/// One pass of generation. Each user has three timers in a <see cref="CalendarQueue"/>: activity (card
/// payments, balance checks, transfers, consent changes, as a Poisson process shaped by
/// <see cref="Rhythm"/>), salary (every pay period at 06:00 local time) and ATM withdrawals (their own
/// Poisson process with the same rhythm, from their own random stream, so they shift nothing else). Fraud episodes are planned
/// ahead into a small priority queue and merged in time order. The loop uses indexes and
/// pre-built tables only: no reflection, no Bogus, no allocation per event.
/// </summary>
internal sealed class TrafficRun
{
    private readonly World _world;
    private readonly EventFactory _events;
    private readonly CalendarQueue _calendar;
    private readonly PriorityQueue<int, ulong> _bucket = new();
    private readonly PriorityQueue<ScriptedEvent, (long Time, long Order)> _planned = new();
    private readonly FraudInjector _fraud;
    private readonly FollowUpPlanner _followUps;
    private readonly CardBook _cards;
    private readonly DeviceBook _devices;
    private readonly ushort[] _consents;
    private readonly long[] _localOffsetMs;
    private readonly AliasTable[] _personaCategories;
    private readonly AliasTable _preferredSlot = AliasTable.Zipf(World.PreferredSlots, 1.0);
    private readonly double[] _logMedianUsd;
    private readonly double[] _sigma;
    private readonly bool[] _online;
    private readonly bool[] _bigTicket;
    private readonly int[] _onlineCategories;
    private readonly double[] _crossBorderOnline;
    private readonly short[] _tripCountry;
    private readonly long[] _tripStart;
    private readonly long[] _tripEnd;
    private readonly long[] _tripTravel;
    private readonly double _cardShare;
    private readonly double _checkShare;
    private readonly double _transferShare;
    private readonly double _perDay;
    private readonly long _startMs;
    private readonly long _endMs;
    private Xoshiro256 _random;
    private Xoshiro256 _atmRandom;
    private long _seq;
    private long _plannedCount;

    public TrafficRun(World world)
    {
        _world = world;
        var options = world.Options;
        _cards = new CardBook(options.Seed, world.AccountCount);
        _events = new EventFactory(world, _cards);
        _startMs = options.StartMs;
        _endMs = options.EndMs;
        _calendar = new CalendarQueue(world.UserCount * 3, _startMs, _endMs);
        _random = new Xoshiro256(SeedMix.Of(options.Seed, SeedMix.TrafficStream, 0));
        _atmRandom = new Xoshiro256(SeedMix.Of(options.Seed, SeedMix.AtmStream, 0));
        _consents = new ushort[world.UserCount];
        _localOffsetMs = Countries.All.Select(c => c.UtcOffsetHours * Rhythm.HourMs).ToArray();
        _personaCategories = Personas.All.Select(p => new AliasTable(p.CategoryWeights)).ToArray();
        _logMedianUsd = MerchantCategories.All.Select(c => Math.Log(c.MedianUsd)).ToArray();
        _sigma = MerchantCategories.All.Select(c => c.Sigma).ToArray();
        _online = MerchantCategories.All.Select(c => c.Online).ToArray();
        _bigTicket = MerchantCategories.All.Select(c => c.MedianUsd >= 50).ToArray();
        _onlineCategories = Enumerable.Range(0, _online.Length).Where(c => _online[c]).ToArray();
        _crossBorderOnline = Countries.All.Select(c => c.Region == BankShare.EuropeRegion ? EuropeanCrossBorderOnlineShare : CrossBorderOnlineShare).ToArray();
        _tripCountry = new short[world.UserCount];
        Array.Fill(_tripCountry, (short)-1);
        _tripStart = new long[world.UserCount];
        _tripEnd = new long[world.UserCount];
        _tripTravel = new long[world.UserCount];
        _perDay = options.CardEventsPerDay + options.BalanceChecksPerDay + options.TransfersPerDay + options.ConsentChangesPerDay;
        _cardShare = options.CardEventsPerDay / _perDay;
        _checkShare = _cardShare + options.BalanceChecksPerDay / _perDay;
        _transferShare = _checkShare + options.TransfersPerDay / _perDay;
        _devices = new DeviceBook(options.Seed, world.UserCount);
        _fraud = new FraudInjector(world, _endMs, _devices, _cards, Plan, Amount);
        _followUps = new FollowUpPlanner(options, _endMs, Plan);
    }

    public IEnumerable<TraceEvent> Events()
    {
        foreach (var e in Setup())
        {
            yield return e;
        }

        var users = _world.UserCount;
        for (var u = 0; u < users; u++)
        {
            _calendar.Schedule(u, NextActivity(u, _startMs));
            _calendar.Schedule(users + u, SalaryTime(u, _world.SalaryPhaseDays[u]));
            _calendar.Schedule(2 * users + u, NextAtm(u, _startMs));
        }

        for (var bucket = 0; bucket < _calendar.Buckets; bucket++)
        {
            _calendar.Drain(bucket, _bucket);
            var bucketStart = _calendar.BucketStart(bucket);
            var bucketEnd = bucketStart + CalendarQueue.BucketMs;
            while (true)
            {
                var timerTime = _bucket.TryPeek(out var timer, out var key) ? bucketStart + (long)(key >> 32) : long.MaxValue;
                if (_planned.TryPeek(out var planned, out _) && planned.TimeMs < bucketEnd && planned.TimeMs <= timerTime)
                {
                    _planned.Dequeue();
                    var scripted = _events.Scripted(_seq++, planned);
                    if (scripted.Type == EventType.CardAuthorization)
                    {
                        _followUps.OnPayment(scripted, planned.Account, planned.Merchant, planned.Country);
                    }

                    yield return scripted;
                    continue;
                }

                if (timerTime == long.MaxValue)
                {
                    break;
                }

                _bucket.Dequeue();
                TraceEvent e;
                bool produced;
                long next;
                if (timer < users)
                {
                    produced = Activity(timer, timerTime, out e);
                    next = NextActivity(timer, timerTime);
                }
                else if (timer < 2 * users)
                {
                    var u = timer - users;
                    e = Salary(u, timerTime);
                    produced = true;
                    next = SalaryTime(u, DayIndex(timerTime) + _world.PayPeriodDays[u]);
                }
                else
                {
                    var u = timer - 2 * users;
                    e = Atm(u, timerTime);
                    produced = true;
                    next = NextAtm(u, timerTime);
                }

                if (next < bucketEnd)
                {
                    _bucket.Enqueue(timer, CalendarQueue.Key(next - bucketStart, timer));
                }
                else
                {
                    _calendar.Schedule(timer, next);
                }

                if (produced)
                {
                    yield return e;
                }
            }
        }
    }

    private IEnumerable<TraceEvent> Setup()
    {
        var t = _startMs;
        for (var m = 0; m < _world.MerchantCount; m++)
        {
            yield return _events.Merchant(_seq++, t, m);
        }

        for (var u = 0; u < _world.UserCount; u++)
        {
            yield return _events.User(_seq++, t, u);
            var first = _world.FirstAccount[u];
            var end = _world.FirstAccount[u + 1];
            for (var a = first; a < end; a++)
            {
                yield return _events.AccountOpened(_seq++, t, a);
            }

            for (var a = first; a < end; a++)
            {
                yield return _events.Deposit(_seq++, t, EventType.InitialDeposit, a, _world.InitialDepositMinor[a]);
            }

            // Initial consents: each purpose at each of the user's banks, with the user's propensity.
            for (var a = first; a < end; a++)
            {
                var slot = BankSlot(u, a - first);
                if (slot != a - first)
                {
                    continue;
                }

                for (var p = 0; p < World.PurposeCount; p++)
                {
                    if (_random.NextDouble() * 255 < _world.Propensity[u * World.PurposeCount + p])
                    {
                        _consents[u] |= (ushort)(1 << (slot * World.PurposeCount + p));
                        yield return _events.Consent(_seq++, t, grant: true, u, _events.BankOf(a), (ConsentPurpose)(p + 1));
                    }
                }
            }
        }
    }

    private bool Activity(int u, long t, out TraceEvent e)
    {
        var roll = _random.NextDouble();
        if (roll < _cardShare)
        {
            e = CardPayment(u, t);
            return true;
        }

        var first = _world.FirstAccount[u];
        var count = _world.AccountCountOf(u);
        var account = first + (count == 1 ? 0 : _random.NextInt(count));
        if (roll < _checkShare)
        {
            // From wherever the user is: a trip abroad shows in the session's country.
            var where = _tripCountry[u] >= 0 && t >= _tripStart[u] && t <= _tripEnd[u] ? _tripCountry[u] : _world.UserCountry[u];
            e = _events.BalanceCheck(_seq++, t, FraudLabel.None, 0, account, where, OwnDevice(u));
            return true;
        }

        if (roll < _transferShare)
        {
            return Transfer(u, account, t, out e);
        }

        var slot = BankSlot(u, account - first);
        var purpose = _random.NextInt(World.PurposeCount);
        var bit = (ushort)(1 << (slot * World.PurposeCount + purpose));
        var granted = (_consents[u] & bit) != 0;
        _consents[u] ^= bit;
        e = _events.Consent(_seq++, t, grant: !granted, u, _events.BankOf(account), (ConsentPurpose)(purpose + 1));
        return true;
    }

    private TraceEvent CardPayment(int u, long t)
    {
        var first = _world.FirstAccount[u];
        var count = _world.AccountCountOf(u);
        var account = count == 1 || _random.Chance(0.7) ? first : first + _random.NextInt(count);
        var home = _world.UserCountry[u];
        var category = _personaCategories[_world.Persona[u]].Sample(ref _random);
        int merchant;
        var whereabouts = TravelState(u, t);
        if (whereabouts == Whereabouts.Abroad && !_online[category])
        {
            // On a trip: shops and restaurants are in the trip's country.
            merchant = PickMerchant(_tripCountry[u], category);
        }
        else if (whereabouts != Whereabouts.Home)
        {
            // Away from home (or on the way) the only payments at home merchants are online ones.
            merchant = PickMerchant(home, _online[category] ? category : _onlineCategories[_random.NextInt(_onlineCategories.Length)]);
        }
        else if (_random.Chance(0.75))
        {
            merchant = _world.Preferred[u * World.PreferredSlots + _preferredSlot.Sample(ref _random)];
        }
        else
        {
            // Online shops are as often abroad as at home for some buyers: cross-border e-commerce.
            merchant = PickMerchant(_online[category] && _random.Chance(_crossBorderOnline[home]) ? OtherCountry(home) : home, category);
        }

        var merchantCategory = _world.MerchantCategory[merchant];
        var country = _world.MerchantCountry[merchant];
        var card = _cards.Choose(account, t);
        var e = _events.Card(_seq++, t, FraudLabel.None, 0, account, merchant, Amount(merchantCategory, account, 1), country, _online[merchantCategory] ? OwnDevice(u) : 0, card);
        _fraud.OnCardPayment(ref _random, account, merchant, country, t, card);
        _followUps.OnPayment(e, account, merchant, country);
        return e;
    }

    /// <summary>
    /// Share of a user's non-habitual online purchases made at merchants in another country: in the US
    /// <see cref="CrossBorderOnlineShare"/>, in Europe's single market <see cref="EuropeanCrossBorderOnlineShare"/>
    /// (the ECB's reports put about one SEPA card payment in ten across a border).
    /// </summary>
    private const double CrossBorderOnlineShare = 0.2;

    private const double EuropeanCrossBorderOnlineShare = 0.5;

    /// <summary>
    /// Chance that a card-not-present action comes from a device the user has just got (a new phone, a
    /// new browser, an app reinstalled): about one a user every 150 days at the default rates (0.01 of
    /// ~0.65 such actions a day; 1.2.0 had 0.004 of ~0.83), so legitimate device numbers climb as
    /// high as an attacker's next free number does.
    /// </summary>
    private const double NewDeviceChance = 0.01;

    private int OwnDevice(int u) => _random.Chance(NewDeviceChance) ? _devices.Acquire(u) : _devices.Owned(ref _random, u);

    private int OtherCountry(int country)
    {
        var other = _random.NextInt(Countries.All.Count - 1);
        return other >= country ? other + 1 : other;
    }

    /// <summary>Another country of the same region (a short flight away), or -1 when the region has no other.</summary>
    private int SameRegionCountry(int home, string region)
    {
        var other = OtherCountry(home);
        return string.Equals(Countries.All[other].Region, region, StringComparison.Ordinal) ? other : -1;
    }

    private enum Whereabouts : byte
    {
        Home,
        Travelling,
        Abroad,
    }

    /// <summary>
    /// Legitimate travel comes as trips, decided at a payment at home: by land to a neighbouring country
    /// (1-6 hours on the way, a day trip to 3 days there), by a short flight within the region (3-8 hours
    /// door to door, 1-5 days) or by a long one (27-39 hours, 2-9 days); the way back takes as long as the
    /// way there. So the gap between the last payment at home and the first abroad ranges from an hour
    /// to days. The per-payment chance of starting one is set so that about <c>Travel[u]</c> of a user's
    /// in-store payments happen abroad.
    /// </summary>
    private Whereabouts TravelState(int u, long t)
    {
        if (_tripCountry[u] >= 0)
        {
            if (t < _tripStart[u])
            {
                return Whereabouts.Travelling;
            }

            if (t <= _tripEnd[u])
            {
                return Whereabouts.Abroad;
            }

            if (t <= _tripEnd[u] + _tripTravel[u])
            {
                return Whereabouts.Travelling;
            }

            _tripCountry[u] = -1;
        }

        // A trip of ~4 days holds ~4 x (payments a day) payments abroad; start one that rarely.
        var startChance = _world.Travel[u] / Math.Max(1.0, 4.0 * _world.Options.CardEventsPerDay);
        if (_random.NextDouble() < startChance)
        {
            var home = _world.UserCountry[u];
            var neighbours = Countries.LandNeighbours[home];
            var mode = _random.NextDouble();
            long travel, stay;
            var region = Countries.All[home].Region;
            if (mode < 0.35 && neighbours.Length > 0)
            {
                _tripCountry[u] = (short)neighbours[_random.NextInt(neighbours.Length)];
                travel = _random.NextLong(Rhythm.HourMs, 6 * Rhythm.HourMs);
                stay = _random.NextLong(4 * Rhythm.HourMs, 3 * Rhythm.DayMs);
            }
            else if (mode < 0.7 && SameRegionCountry(home, region) is var near && near >= 0)
            {
                _tripCountry[u] = (short)near;
                travel = _random.NextLong(3 * Rhythm.HourMs, 8 * Rhythm.HourMs);
                stay = (1 + _random.NextInt(5)) * Rhythm.DayMs;
            }
            else
            {
                _tripCountry[u] = (short)OtherCountry(home);
                travel = _random.NextLong(27 * Rhythm.HourMs, 39 * Rhythm.HourMs);
                stay = (2 + _random.NextInt(8)) * Rhythm.DayMs;
            }

            _tripTravel[u] = travel;
            _tripStart[u] = t + travel;
            _tripEnd[u] = _tripStart[u] + stay;
        }

        return Whereabouts.Home;
    }

    private bool Transfer(int u, int from, long t, out TraceEvent e)
    {
        var pool = _world.AccountsByCurrency[_world.CountryCurrency[_world.UserCountry[u]]];
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var to = pool[_random.NextInt(pool.Length)];
            if (_world.AccountOwner[to] != u)
            {
                var usd = Math.Exp(Math.Log(60) + 0.8 * NormalTable.Sample(ref _random)) * _world.AmountScale[u];
                e = _events.Transfer(_seq++, t, FraudLabel.None, 0, from, to, WorldBuilder.ToMinor(usd, Countries.All[_world.UserCountry[u]]), OwnDevice(u));
                return true;
            }
        }

        // Nobody else holds this currency (a tiny population): no transfer this time.
        e = default;
        return false;
    }

    /// <summary>
    /// Cash from the user's first account, in the country the user is in (home, or a trip's country once
    /// there; read, not decided: trips are decided at card payments). Round amounts: a number of notes of
    /// the currency's usual unit (<see cref="AtmUnits"/>), most often one to five.
    /// </summary>
    private TraceEvent Atm(int u, long t)
    {
        var where = _tripCountry[u] >= 0 && t >= _tripStart[u] && t <= _tripEnd[u] ? _tripCountry[u] : _world.UserCountry[u];
        var country = Countries.All[_world.UserCountry[u]];
        var unit = country.Currency switch { "USD" => 20, "PLN" => 50, _ => 10 };
        var minor = unit * AtmUnits[_atmRandom.NextInt(AtmUnits.Length)] * (long)Math.Pow(10, country.CurrencyDigits);
        var account = _world.FirstAccount[u];
        return _events.Atm(_seq++, t, account, minor, where, _cards.Choose(account, t));
    }

    // Notes per withdrawal: 1 to 20, weighted towards 2, 5 and 10 (USD 20-400, EUR/GBP 10-200, PLN 50-1,000).
    private static readonly int[] AtmUnits = [1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 5, 5, 5, 5, 10, 10, 10, 15, 20];

    private long NextAtm(int u, long from)
    {
        var offset = _localOffsetMs[_world.UserCountry[u]] - _world.HourShift[u] * Rhythm.HourMs;
        return Rhythm.Next(ref _atmRandom, from, _endMs, _world.Options.AtmWithdrawalsPerDay * _world.Activity[u], offset);
    }

    private TraceEvent Salary(int u, long t) =>
        _events.Deposit(_seq++, t, EventType.SalaryDeposit, _world.FirstAccount[u], _world.SalaryMinor[u]);

    /// <summary>
    /// A genuine payment's amount in the account's currency: log-normal per category, scaled per user
    /// (and by <paramref name="times"/>, for fraud that spends several genuine payments' worth), then
    /// in <see cref="PricePointShare"/> of cases moved to a price point within its unit.
    /// </summary>
    private long Amount(int category, int account, int times)
    {
        var owner = _world.AccountOwner[account];
        var usd = Math.Exp(_logMedianUsd[category] + _sigma[category] * NormalTable.Sample(ref _random)) * _world.AmountScale[owner] * times;
        if (_bigTicket[category] && _random.Chance(BigTicketShare))
        {
            // A Pareto factor (exp of an exponential is Pareto; exp and log only, as everywhere in generation).
            usd *= Math.Exp(_random.Exponential(1 / BigTicketTailIndex));
        }

        var country = Countries.All[_world.UserCountry[owner]];
        var minor = WorldBuilder.ToMinor(usd, country);
        if (country.CurrencyDigits != 2 || !_random.Chance(PricePointShare))
        {
            return minor;
        }

        var atPoint = (minor / 100 * 100) + PricePointCents[_random.NextInt(PricePointCents.Length)];
        return atPoint > 0 ? atPoint : minor;
    }

    /// <summary>
    /// Share of payments in categories with a median of $50 or more that are big tickets: the
    /// category's amount times a Pareto factor of tail index <see cref="BigTicketTailIndex"/>, so
    /// amounts reach tens of thousands of dollars as real card data does (the Kaggle European
    /// cardholders' largest of 284,807 is 25,691 EUR) rather than stopping where the log-normal thins out.
    /// </summary>
    private const double BigTicketShare = 0.01;

    private const double BigTicketTailIndex = 1.5;

    /// <summary>
    /// Share of amounts that end at a price point: single items are priced at .99, .00, .95 or .50
    /// (Schindler and Kirby 1997 on the rightmost digits of prices), basket totals and metered
    /// amounts are not, so only part of the payments cluster. Approximate; no share is published for card totals.
    /// </summary>
    private const double PricePointShare = 0.3;

    // .99 four times in ten, .00 three, .95 two, .50 one.
    private static readonly int[] PricePointCents = [99, 99, 99, 99, 0, 0, 0, 95, 95, 50];

    private int PickMerchant(int country, int category)
    {
        var cell = World.Cell(country, category);
        return _world.MerchantsByCell[cell][_world.CellPopularity[cell].Sample(ref _random)];
    }

    private long NextActivity(int u, long from)
    {
        var country = _world.UserCountry[u];
        var offset = _localOffsetMs[country] - _world.HourShift[u] * Rhythm.HourMs;
        return Rhythm.Next(ref _random, from, _endMs, _perDay * _world.Activity[u], offset);
    }

    // Salary arrives at 06:00 local time plus up to 90 minutes of bank batch delay.
    private long SalaryTime(int u, long dayIndex)
    {
        var t = _startMs + dayIndex * Rhythm.DayMs + 6 * Rhythm.HourMs - _localOffsetMs[_world.UserCountry[u]] + _random.NextInt(0, 5_400_000);
        return t < _endMs ? t : long.MaxValue;
    }

    private long DayIndex(long t) => (t - _startMs + 2 * Rhythm.HourMs) / Rhythm.DayMs;

    /// <summary>The first account slot of the user at the same bank: consents are per bank, not per account.</summary>
    private int BankSlot(int u, int slot)
    {
        var first = _world.FirstAccount[u];
        var bank = _world.AccountBank[first + slot];
        for (var s = 0; s < slot; s++)
        {
            if (_world.AccountBank[first + s] == bank)
            {
                return s;
            }
        }

        return slot;
    }

    private void Plan(ScriptedEvent e) => _planned.Enqueue(e, (e.TimeMs, _plannedCount++));
}
