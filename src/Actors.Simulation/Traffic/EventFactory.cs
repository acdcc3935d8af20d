using System.Globalization;
using Actors.Simulation.Population;
using Actors.Users;

namespace Actors.Simulation.Traffic;

/// <summary>
/// Turns population indexes into trace events; every string comes from the population or a catalog.
/// Events are made in trace order, each when it is emitted, so the factory also keeps the generator's
/// ledger view: every account's balance, which each posting carries before and after (format 3). That
/// ledger applies the accounts' own rule and no fraud rule: a debit (card payment, transfer) larger
/// than the balance is declined and leaves it unchanged, everything else is applied; so a ledger
/// replay without a fraud detector computes the same balances.
/// </summary>
internal sealed class EventFactory(World world, CardBook cards)
{
    private readonly long[] _balance = new long[world.AccountCount];
    private readonly string[] _countryCodes = Countries.All.Select(c => c.Code).ToArray();
    private readonly string[] _currencies = Countries.All.Select(c => c.Currency).ToArray();
    private readonly int[] _mcc = MerchantCategories.All.Select(c => c.Mcc).ToArray();

    public string CurrencyOfAccount(int account) => _currencies[world.UserCountry[world.AccountOwner[account]]];

    public string BankOf(int account) => world.Banks[world.AccountBank[account]].Bank;

    public TraceEvent Merchant(long seq, long timeMs, int m)
    {
        var (lat, lon) = Places.Of(world.Options.Seed, Randomness.SeedMix.MerchantPlaceStream, m, world.MerchantCountry[m]);
        return new TraceEvent
        {
            Seq = seq,
            TimeMs = timeMs,
            Type = EventType.MerchantRegistered,
            MerchantId = world.MerchantIds[m],
            Name = world.MerchantNames[m],
            Mcc = _mcc[world.MerchantCategory[m]],
            Country = _countryCodes[world.MerchantCountry[m]],
            LatTenths = lat,
            LonTenths = lon,
            City = world.MerchantCities[m],
            RiskTier = World.RiskName(world.MerchantRisk[m]),
        };
    }

    public TraceEvent User(long seq, long timeMs, int u)
    {
        var country = Countries.All[world.UserCountry[u]];
        var (lat, lon) = Places.Of(world.Options.Seed, Randomness.SeedMix.UserPlaceStream, u, world.UserCountry[u]);
        return new TraceEvent
        {
            LatTenths = lat,
            LonTenths = lon,
            Seq = seq,
            TimeMs = timeMs,
            Type = EventType.UserRegistered,
            UserId = world.UserIds[u],
            Name = world.UserNames[u],
            Locale = country.Locale,
            Country = country.Code,
            MessengerId = world.MessengerIds[u],
            SignupDate = DateOnly.FromDayNumber(world.SignupDay[u]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    public TraceEvent AccountOpened(long seq, long timeMs, int a) => new()
    {
        Seq = seq,
        TimeMs = timeMs,
        Type = EventType.AccountOpened,
        UserId = world.UserIds[world.AccountOwner[a]],
        AccountId = world.AccountIds[a],
        Bank = BankOf(a),
        Currency = CurrencyOfAccount(a),
        Iban = world.Iban[a],
        RoutingNumber = world.RoutingNumber[a],
        AccountNumber = world.AccountNumber[a],
        CardNumber = world.CardNumber[a],
        Card = cards.Count(a),
    };

    public TraceEvent Deposit(long seq, long timeMs, EventType type, int a, long amountMinor)
    {
        var before = _balance[a];
        _balance[a] = before + amountMinor;
        return Posting(seq, timeMs, type, FraudLabel.None, 0, a, amountMinor, before, before + amountMinor);
    }

    /// <summary>The fields every posting has: who, which account, how much, and the account's balance around it.</summary>
    private TraceEvent Posting(long seq, long timeMs, EventType type, FraudLabel label, long episode, int a, long amountMinor, long before, long after) => new()
    {
        Seq = seq,
        TimeMs = timeMs,
        Type = type,
        Fraud = label,
        Episode = episode,
        UserId = world.UserIds[world.AccountOwner[a]],
        AccountId = world.AccountIds[a],
        AmountMinor = amountMinor,
        BalanceBeforeMinor = before,
        BalanceAfterMinor = after,
        Currency = CurrencyOfAccount(a),
    };

    /// <summary>Debits the account when the balance covers the amount; returns the balances before and after.</summary>
    private (long Before, long After) Debit(int a, long amountMinor)
    {
        var before = _balance[a];
        if (before >= amountMinor)
        {
            _balance[a] = before - amountMinor;
        }

        return (before, _balance[a]);
    }

    public TraceEvent Card(long seq, long timeMs, FraudLabel label, long episode, int a, int m, long amountMinor, int country, int device, int card)
    {
        var (before, after) = Debit(a, amountMinor);
        return Posting(seq, timeMs, EventType.CardAuthorization, label, episode, a, amountMinor, before, after) with
        {
            MerchantId = world.MerchantIds[m],
            Mcc = _mcc[world.MerchantCategory[m]],
            Country = _countryCodes[country],
            Device = device,
            Card = card,
        };
    }

    /// <summary>Cash from an ATM: card present (device 0), MCC 6011, no merchant; declined unchanged when the balance does not cover it.</summary>
    public TraceEvent Atm(long seq, long timeMs, int a, long amountMinor, int country, int card)
    {
        var (before, after) = Debit(a, amountMinor);
        return Posting(seq, timeMs, EventType.AtmWithdrawal, FraudLabel.None, 0, a, amountMinor, before, after) with
        {
            Mcc = AtmMcc,
            Country = _countryCodes[country],
            Card = card,
        };
    }

    /// <summary>ISO 18245: automated cash disbursements.</summary>
    public const int AtmMcc = 6011;

    /// <summary>
    /// A transfer as the saga runs it: refused before any posting between accounts in different
    /// currencies, else the debit and, when it went through, the credit of <paramref name="to"/>.
    /// </summary>
    public TraceEvent Transfer(long seq, long timeMs, FraudLabel label, long episode, int from, int to, long amountMinor, int device)
    {
        var sameCurrency = string.Equals(CurrencyOfAccount(from), CurrencyOfAccount(to), StringComparison.Ordinal);
        var (before, after) = sameCurrency ? Debit(from, amountMinor) : (_balance[from], _balance[from]);
        if (after != before) // amounts are positive: the debit went through
        {
            _balance[to] += amountMinor;
        }

        return Posting(seq, timeMs, EventType.Transfer, label, episode, from, amountMinor, before, after) with
        {
            CounterAccountId = world.AccountIds[to],
            Device = device,
        };
    }

    public TraceEvent BalanceCheck(long seq, long timeMs, FraudLabel label, long episode, int a, int country, int device) => new()
    {
        Seq = seq,
        TimeMs = timeMs,
        Type = EventType.BalanceCheck,
        Fraud = label,
        Episode = episode,
        UserId = world.UserIds[world.AccountOwner[a]],
        Bank = BankOf(a),
        Country = _countryCodes[country],
        Device = device,
    };

    /// <summary>A follow-up of a payment: its merchant and place and the payment's seq on the refund or chargeback.</summary>
    private TraceEvent FollowUp(in TraceEvent e, in ScriptedEvent s) => e with
    {
        MerchantId = world.MerchantIds[s.Merchant],
        Mcc = _mcc[world.MerchantCategory[s.Merchant]],
        Country = _countryCodes[s.Country],
        OriginalSeq = s.OriginalSeq,
        Card = s.Card,
    };

    public TraceEvent Consent(long seq, long timeMs, bool grant, int u, string bank, ConsentPurpose purpose) => new()
    {
        Seq = seq,
        TimeMs = timeMs,
        Type = grant ? EventType.ConsentGranted : EventType.ConsentRevoked,
        UserId = world.UserIds[u],
        Bank = bank,
        Purpose = purpose,
    };

    public TraceEvent Scripted(long seq, in ScriptedEvent e) => e.Type switch
    {
        EventType.CardAuthorization => Card(seq, e.TimeMs, e.Label, e.Episode, e.Account, e.Merchant, e.AmountMinor, e.Country, e.Device, e.Card),
        EventType.Transfer => Transfer(seq, e.TimeMs, e.Label, e.Episode, e.Account, e.CounterAccount, e.AmountMinor, e.Device),
        EventType.BalanceCheck => BalanceCheck(seq, e.TimeMs, e.Label, e.Episode, e.Account, e.Country, e.Device),
        // A chargeback is a label, not a posting: the payment's fields and ground truth, no balances.
        EventType.Chargeback => FollowUp(Posting(seq, e.TimeMs, EventType.Chargeback, e.Label, e.Episode, e.Account, e.AmountMinor, 0, 0), e),
        EventType.Refund => FollowUp(Deposit(seq, e.TimeMs, EventType.Refund, e.Account, e.AmountMinor), e),
        _ => throw new InvalidOperationException($"Scripted events cannot be {e.Type}."),
    };
}
