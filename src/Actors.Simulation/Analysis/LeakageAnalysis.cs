using Actors.Simulation.Traffic;

namespace Actors.Simulation.Analysis;

/// <summary>How well one column alone separates fraud from legitimate card payments.</summary>
/// <param name="IsLabel">Part of the ground truth (like <c>episode</c>), not a feature: its AUC says nothing about leakage.</param>
public sealed record ColumnLeakage(string Column, bool Numeric, int DistinctValues, double Auc, bool IsLabel)
{
    /// <summary>Above this AUC a single raw column gives the label away.</summary>
    public const double LeakThreshold = 0.9;

    public bool Leaks => !IsLabel && Auc > LeakThreshold;
}

/// <summary>
/// Feeds on a trace's events and scores each column of its card authorizations (fraud label versus
/// <c>none</c>) with <see cref="FeatureAuc{T}"/>. Merchant and user data come from the setup events
/// (risk tier from <c>merchant_registered</c>, home country from <c>user_registered</c>); <c>cents</c> is
/// the amount's last two digits, where price points would show; <c>declined_for_funds</c> is a payment whose
/// balance after equals the balance before (format 3: the generator's ledger declined it); <c>distance_km</c>
/// is from the user's home to the merchant (format 3 coordinates). Identifiers
/// (user, account, merchant, card) are left out: scored in-sample by their fraud rate they measure
/// memorisation of who was attacked, not a column that gives fraud away.
/// </summary>
public sealed class LeakageAnalysis
{
    private readonly Dictionary<string, string> _homeCountry = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _riskTier = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Lat, int Lon)> _places = new(StringComparer.Ordinal);
    private readonly FeatureAuc<long> _distance = new(numeric: true);
    private readonly FeatureAuc<int> _card = new(numeric: false);
    private readonly FeatureAuc<int> _device = new(numeric: false);
    private readonly FeatureAuc<bool> _cardPresent = new(numeric: false);
    private readonly FeatureAuc<string> _country = new(numeric: false);
    private readonly FeatureAuc<bool> _crossBorder = new(numeric: false);
    private readonly FeatureAuc<string> _currency = new(numeric: false);
    private readonly FeatureAuc<int> _mcc = new(numeric: false);
    private readonly FeatureAuc<string> _risk = new(numeric: false);
    private readonly FeatureAuc<long> _amount = new(numeric: true);
    private readonly FeatureAuc<long> _cents = new(numeric: false);
    private readonly FeatureAuc<long> _balanceBefore = new(numeric: true);
    private readonly FeatureAuc<long> _balanceAfter = new(numeric: true);
    private readonly FeatureAuc<bool> _declined = new(numeric: false);
    private readonly FeatureAuc<int> _hour = new(numeric: false);
    private readonly FeatureAuc<long> _episode = new(numeric: true);

    public long CardPayments { get; private set; }

    public long FraudPayments { get; private set; }

    public void Add(in TraceEvent e)
    {
        switch (e.Type)
        {
            case EventType.MerchantRegistered when e.MerchantId is not null && e.RiskTier is not null:
                _riskTier[e.MerchantId] = e.RiskTier;
                _places[e.MerchantId] = (e.LatTenths, e.LonTenths);
                return;
            case EventType.UserRegistered when e.UserId is not null && e.Country is not null:
                _homeCountry[e.UserId] = e.Country;
                _places[e.UserId] = (e.LatTenths, e.LonTenths);
                return;
            case EventType.CardAuthorization:
                break;
            default:
                return;
        }

        var fraud = e.Fraud != FraudLabel.None;
        CardPayments++;
        FraudPayments += fraud ? 1 : 0;
        var country = e.Country ?? "";
        _device.Add(e.Device, fraud);
        _cardPresent.Add(e.Device == 0, fraud);
        _country.Add(country, fraud);
        _crossBorder.Add(e.UserId is not null && _homeCountry.TryGetValue(e.UserId, out var home) && !string.Equals(home, country, StringComparison.Ordinal), fraud);
        _currency.Add(e.Currency ?? "", fraud);
        _mcc.Add(e.Mcc, fraud);
        _risk.Add(e.MerchantId is not null && _riskTier.TryGetValue(e.MerchantId, out var tier) ? tier : "", fraud);
        _amount.Add(e.AmountMinor, fraud);
        _cents.Add(e.AmountMinor % 100, fraud);
        _balanceBefore.Add(e.BalanceBeforeMinor, fraud);
        _balanceAfter.Add(e.BalanceAfterMinor, fraud);
        _declined.Add(e.BalanceAfterMinor == e.BalanceBeforeMinor, fraud);
        _distance.Add(DistanceKm(e.UserId, e.MerchantId), fraud);
        _card.Add(e.Card, fraud);
        _hour.Add((int)(e.TimeMs / 3_600_000 % 24), fraud);
        _episode.Add(e.Episode, fraud);
    }

    /// <summary>Every column, highest AUC first (ties by name).</summary>
    public IReadOnlyList<ColumnLeakage> Columns() =>
        new[]
        {
            Of("device", _device), Of("card_present", _cardPresent), Of("country", _country), Of("cross_border", _crossBorder),
            Of("currency", _currency), Of("mcc", _mcc), Of("risk_tier", _risk), Of("amount_minor", _amount), Of("cents", _cents),
            Of("hour_utc", _hour), Of("balance_before_minor", _balanceBefore), Of("balance_after_minor", _balanceAfter),
            Of("declined_for_funds", _declined), Of("distance_km", _distance), Of("card", _card), Of("episode", _episode, isLabel: true),
        }.OrderByDescending(c => c.Auc).ThenBy(c => c.Column, StringComparer.Ordinal).ToArray();

    public static async Task<LeakageAnalysis> OfAsync(IAsyncEnumerable<TraceEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var analysis = new LeakageAnalysis();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            analysis.Add(e);
        }

        return analysis;
    }

    /// <summary>Home to merchant in whole kilometres (equirectangular: fine at these distances and this precision); 0 when either is unknown.</summary>
    private long DistanceKm(string? user, string? merchant)
    {
        if (user is null || merchant is null || !_places.TryGetValue(user, out var home) || !_places.TryGetValue(merchant, out var shop))
        {
            return 0;
        }

        var meanLat = (home.Lat + shop.Lat) / 20.0 * Math.PI / 180;
        var dx = (home.Lon - shop.Lon) / 10.0 * Math.Cos(meanLat);
        var dy = (home.Lat - shop.Lat) / 10.0;
        return (long)(Math.Sqrt(dx * dx + dy * dy) * 111.2);
    }

    private static ColumnLeakage Of<T>(string name, FeatureAuc<T> auc, bool isLabel = false)
        where T : notnull => new(name, auc.Numeric, auc.DistinctValues, auc.Auc(), isLabel);
}
