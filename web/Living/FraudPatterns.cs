using System.Globalization;
using Actors.Accounts;
using Actors.Simulation.Population;
using Actors.Users;

namespace Actors.Web.Living;

/// <summary>The fraud patterns the world panel can inject now, shaped like the simulator's generators.</summary>
public enum FraudPattern
{
    /// <summary>Tiny card-not-present payments seconds apart at one online merchant, from an unknown device.</summary>
    CardTesting,

    /// <summary>A balance check from a new device abroad, then large card-not-present payments at risky merchants there.</summary>
    AccountTakeover,

    /// <summary>A genuine card-present payment at home, then the same card at a terminal in another country minutes later.</summary>
    ClonedCard,
}

/// <summary>What one injection sent and what the account answered, for the world panel and the tests.</summary>
public sealed record InjectionReport(string Pattern, string UserId, string AccountId, IReadOnlyList<string> Decisions, bool Alerted, bool Declined);

/// <summary>
/// Injects one episode of a fraud pattern into a real account now (wall-clock times), so detection happens in
/// front of the audience: card testing sends 4 payments of 1.00-1.99 (the card-testing rule alerts and declines
/// from the third within 10 minutes); account takeover and cloned card move the card abroad faster than travel allows.
/// </summary>
public sealed class FraudPatterns
{
    private const int TestingDevice = 99;
    private const int TakeoverDevice = 77;
    private readonly LivingWorld _world;
    private long _episode;

    internal FraudPatterns(LivingWorld world) => _world = world;

    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<FraudPattern>();

    public static bool TryParse(string? text, out FraudPattern pattern) =>
        Enum.TryParse(text, ignoreCase: true, out pattern) && Enum.IsDefined(pattern) && !int.TryParse(text, out _);

    /// <summary>Injects <paramref name="pattern"/> into the first account of <paramref name="user"/>.</summary>
    public async Task<InjectionReport> InjectAsync(FraudPattern pattern, int user)
    {
        var population = _world.Population;
        var account = population.FirstAccount[user];
        var episode = Interlocked.Increment(ref _episode).ToString(CultureInfo.InvariantCulture);
        var grain = _world.Grains.GetGrain<IAccountGrain>(population.AccountIds[account]);
        var currency = Money.Currency.Parse(population.CurrencyOfAccount(account));
        var digits = Math.Pow(10, currency.MinorDigits);
        var home = population.UserCountry[user];
        var abroad = (home + 1 + (int)(user % (Countries.All.Count - 1))) % Countries.All.Count;
        var now = _world.Time.GetUtcNow();
        var requests = new List<CardAuthorization>();
        string Tx(int i) => $"fraud-{episode}-{i}";
        switch (pattern)
        {
            case FraudPattern.CardTesting:
            {
                var merchant = MerchantIn(abroad, MerchantCategories.DigitalGoods);
                for (var i = 0; i < 4; i++)
                {
                    requests.Add(Card(Tx(i), Math.Max(1, (long)(digits * (1.0 + (0.17 * i)))), merchant, now.AddSeconds(i * 7), cardPresent: false, TestingDevice));
                }

                break;
            }

            case FraudPattern.AccountTakeover:
            {
                // The fraudster first looks at the balance (as Messenger would show it), then drains the card abroad.
                await _world.Grains.GetGrain<IUserGrain>(population.UserIds[user]).GetBalanceForMessenger(_world.BankOf(account), "messenger-takeover-device");
                requests.Add(Card(Tx(0), (long)(25 * digits), MerchantIn(home, 0), now, cardPresent: true, 0));
                int[] risky = [MerchantCategories.Crypto, MerchantCategories.Electronics, MerchantCategories.DigitalGoods];
                for (var i = 0; i < risky.Length; i++)
                {
                    requests.Add(Card(Tx(i + 1), (long)(400 * digits), MerchantIn(abroad, risky[i]), now.AddMinutes(2 + i), cardPresent: false, TakeoverDevice));
                }

                break;
            }

            case FraudPattern.ClonedCard:
                requests.Add(Card(Tx(0), (long)(30 * digits), MerchantIn(home, 0), now, cardPresent: true, 0));
                requests.Add(Card(Tx(1), (long)(60 * digits), MerchantIn(abroad, 0), now.AddMinutes(5), cardPresent: true, 0));
                break;
        }

        var decisions = new List<string>();
        var (alerted, declined) = (false, false);
        foreach (var request in requests)
        {
            var result = await grain.Authorize(request);
            _world.Metrics.Authorization(result);
            alerted |= result.Fraud.Alerted;
            declined |= !result.Approved;
            decisions.Add(string.Create(CultureInfo.InvariantCulture,
                $"{request.Amount} at {request.MerchantId} ({request.Country}): {(result.Approved ? "approved" : "declined, " + WorldMetrics.ReasonName(result.Reason))}{(result.Fraud.Alerted ? $", alert ({Fraud.FraudRuleNames.Describe(result.Fraud.Fired)})" : "")}"));
        }

        return new InjectionReport(pattern.ToString(), population.UserIds[user], population.AccountIds[account], decisions, alerted, declined);

        CardAuthorization Card(string id, long minor, int merchant, DateTimeOffset at, bool cardPresent, int device) =>
            new(id, new Money.Money(minor, currency), population.MerchantIds[merchant], MerchantCategories.All[population.MerchantCategory[merchant]].Mcc,
                Countries.All[cardPresent ? population.MerchantCountry[merchant] : abroad].Code, at, cardPresent, device);
    }

    /// <summary>A merchant of <paramref name="category"/> in <paramref name="country"/>, else of that category anywhere, else the first.</summary>
    private int MerchantIn(int country, int category)
    {
        var population = _world.Population;
        var fallback = -1;
        for (var m = 0; m < population.MerchantCount; m++)
        {
            if (population.MerchantCategory[m] != category)
            {
                continue;
            }

            if (population.MerchantCountry[m] == country)
            {
                return m;
            }

            fallback = fallback < 0 ? m : fallback;
        }

        return Math.Max(fallback, 0);
    }
}
