using System.Globalization;
using System.Runtime.InteropServices;
using Actors.Simulation.Population;
using Actors.Simulation.Traffic;

namespace Actors.Simulation.Analysis;

/// <summary>One row of the calibration report: a figure of this trace beside its published anchor.</summary>
public sealed record CalibrationRow(string Figure, string ThisTrace, string Anchor, string Source);

/// <summary>Order statistics of one set of amounts, in US dollars (nearest rank).</summary>
public sealed record AmountSummary(long Count, double Median, double P90, double P99, double Max, double Mean);

/// <summary>
/// The shape of a trace's card payments, to hold against published figures (<see cref="CalibrationAnchors"/>):
/// payments per user per day, card-present and cross-border shares, fraud shares by count and value,
/// amounts per merchant category, cents price points, and the local hour-of-day and weekday profiles.
/// Amounts are compared in US dollars at the generator's fixed rates (<see cref="CountryInfo.FxPerUsd"/>);
/// payments in another currency count everywhere but in the amount figures. Hours and weekdays are the
/// paying user's local time (home country's standard offset), of legitimate payments.
/// </summary>
public sealed class CalibrationAnalysis
{
    /// <summary>The price-point cents the report shows, against 1 % each if cents were uniform.</summary>
    public static readonly IReadOnlyList<int> PricePoints = [0, 99, 50, 95];

    private static readonly Dictionary<string, (double UsdPerMinor, bool TwoDigits)> Rates = Countries.All
        .DistinctBy(c => c.Currency)
        .ToDictionary(c => c.Currency, c => (1 / (c.FxPerUsd * Math.Pow(10, c.CurrencyDigits)), c.CurrencyDigits == 2), StringComparer.Ordinal);

    private static readonly HashSet<string> EuropeanCountries = Countries.All.Where(c => c.Region == BankShare.EuropeRegion).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

    private static readonly Dictionary<string, long> OffsetMsByCountry = Countries.All.ToDictionary(c => c.Code, c => c.UtcOffsetHours * Rhythm.HourMs, StringComparer.Ordinal);

    private readonly int _days;
    private readonly Dictionary<string, (string Country, long OffsetMs)> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<double>> _usdByMcc = [];
    private readonly List<double> _allUsd = [];
    private readonly long[] _cents = new long[100];
    private readonly long[] _hours = new long[24];
    private readonly long[] _weekdays = new long[7];
    private long _twoDigitPayments;
    private long _legitimate;
    private long _cardPresent;
    private long _crossBorder;
    private long _europeanLegitimate;
    private long _europeanCrossBorder;
    private double _usd;
    private double _fraudUsd;

    /// <param name="days">Simulated days of the trace (its header's <c>days</c>).</param>
    public CalibrationAnalysis(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        _days = days;
    }

    public long Users => _users.Count;

    public long CardPayments { get; private set; }

    public long FraudPayments { get; private set; }

    public void Add(in TraceEvent e)
    {
        if (e.Type == EventType.UserRegistered && e.UserId is not null)
        {
            var country = e.Country ?? "";
            _users[e.UserId] = (country, OffsetMsByCountry.GetValueOrDefault(country));
            return;
        }

        if (e.Type != EventType.CardAuthorization)
        {
            return;
        }

        CardPayments++;
        var fraud = e.Fraud != FraudLabel.None;
        _cardPresent += e.Device == 0 ? 1 : 0;
        if (e.Currency is not null && Rates.TryGetValue(e.Currency, out var rate))
        {
            var usd = e.AmountMinor * rate.UsdPerMinor;
            _usd += usd;
            _fraudUsd += fraud ? usd : 0;
            _allUsd.Add(usd);
            ref var amounts = ref CollectionsMarshal.GetValueRefOrAddDefault(_usdByMcc, e.Mcc, out _);
            (amounts ??= []).Add(usd);
            if (rate.TwoDigits)
            {
                _twoDigitPayments++;
                _cents[(int)(e.AmountMinor % 100)]++;
            }
        }

        if (fraud)
        {
            FraudPayments++;
            return;
        }

        _legitimate++;
        var home = e.UserId is not null && _users.TryGetValue(e.UserId, out var user) ? user : (Country: "", OffsetMs: 0L);
        var crossBorder = home.Country.Length > 0 && !string.Equals(home.Country, e.Country, StringComparison.Ordinal) ? 1 : 0;
        _crossBorder += crossBorder;
        if (EuropeanCountries.Contains(home.Country))
        {
            _europeanLegitimate++;
            _europeanCrossBorder += crossBorder;
        }

        var local = e.TimeMs + home.OffsetMs;
        var day = Math.DivRem(local, Rhythm.DayMs, out var inDay);
        if (inDay < 0)
        {
            inDay += Rhythm.DayMs;
            day--;
        }

        _hours[inDay / Rhythm.HourMs]++;

        // 1970-01-01 was a Thursday (index 3 with Monday = 0).
        _weekdays[(int)(((day + 3) % 7 + 7) % 7)]++;
    }

    /// <summary>Why this trace cannot be calibrated (no users, no card payments), or null.</summary>
    public string? Unusable => Users == 0 ? "the trace registers no users (no user_registered events), so there is no per-user figure to calibrate"
        : CardPayments == 0 ? "the trace holds no card authorizations to calibrate"
        : null;

    public double PaymentsPerUserPerDay => Users == 0 ? 0 : (double)CardPayments / Users / _days;

    public double CardPresentShare => Share(_cardPresent, CardPayments);

    /// <summary>Legitimate payments at a merchant outside the user's home country.</summary>
    public double CrossBorderShare => Share(_crossBorder, _legitimate);

    /// <summary>The same for users at home in Europe (the region of the ECB's anchor).</summary>
    public double EuropeanCrossBorderShare => Share(_europeanCrossBorder, _europeanLegitimate);

    public double FraudShareByCount => Share(FraudPayments, CardPayments);

    public double FraudShareByValue => _usd == 0 ? 0 : _fraudUsd / _usd;

    /// <summary>Share of the payments in two-digit currencies whose amount ends in these cents.</summary>
    public double CentsShare(int cents) => Share(_cents[cents], _twoDigitPayments);

    /// <summary>Shares of legitimate payments per local hour 0-23.</summary>
    public IReadOnlyList<double> HourShares => _hours.Select(h => Share(h, _legitimate)).ToArray();

    /// <summary>Shares of legitimate payments per local weekday, Monday first.</summary>
    public IReadOnlyList<double> WeekdayShares => _weekdays.Select(d => Share(d, _legitimate)).ToArray();

    public AmountSummary AllAmounts => Summary(_allUsd);

    /// <summary>Amounts per merchant category code, in the catalog's order, then other codes ascending.</summary>
    public IReadOnlyList<(int Mcc, AmountSummary Amounts)> AmountsByCategory()
    {
        var order = MerchantCategories.All.Select((c, i) => (c.Mcc, i)).ToDictionary(p => p.Mcc, p => p.i);
        return _usdByMcc.OrderBy(p => order.GetValueOrDefault(p.Key, int.MaxValue)).ThenBy(p => p.Key)
            .Select(p => (p.Key, Summary(p.Value))).ToArray();
    }

    /// <summary>The report: one row per figure, this trace beside its anchor.</summary>
    public IReadOnlyList<CalibrationRow> Rows()
    {
        var c = CultureInfo.InvariantCulture;
        var rows = new List<CalibrationRow>
        {
            Row(CalibrationAnchors.PaymentsPerUserPerDay, PaymentsPerUserPerDay.ToString("F2", c) + string.Create(c, $" ({CardPayments:N0} payments, {Users:N0} users, {_days} days)")),
            Row(CalibrationAnchors.CardPresentShare, Percent(CardPresentShare, 1)),
            Row(CalibrationAnchors.CrossBorderLegitimate, Percent(CrossBorderShare, 2)),
            Row(CalibrationAnchors.CrossBorderLegitimate with { Figure = "cross-border share of legitimate payments, users in Europe" }, Percent(EuropeanCrossBorderShare, 2)),
            Row(CalibrationAnchors.FraudByCountPaySim, Percent(FraudShareByCount, 3) + string.Create(c, $" ({FraudPayments:N0} of {CardPayments:N0})")),
            Row(CalibrationAnchors.FraudByCountKaggle, Percent(FraudShareByCount, 3)),
            Row(CalibrationAnchors.FraudByValue, Percent(FraudShareByValue, 3)),
            Row(CalibrationAnchors.Amounts with { Figure = "amount, all categories (USD)" }, Amounts(AllAmounts, withMean: true)),
        };
        foreach (var (mcc, amounts) in AmountsByCategory())
        {
            var name = MerchantCategories.All.FirstOrDefault(m => m.Mcc == mcc)?.Name ?? "other";
            var figure = string.Create(c, $"amount, {name} {mcc} (USD)");
            rows.Add(CalibrationAnchors.ByCategory.TryGetValue(mcc, out var anchor)
                ? Row(anchor with { Figure = figure }, Amounts(amounts, withMean: mcc == 4511))
                : new CalibrationRow(figure, Amounts(amounts, withMean: false), CalibrationAnchors.None, ""));
        }

        rows.Add(Row(CalibrationAnchors.PricePoints, string.Join(" / ", PricePoints.Select(p => Percent(CentsShare(p), 2))) + " (uniform: 1 % each)"));
        for (var from = 0; from < 24; from += 6)
        {
            var hours = string.Join(" ", HourShares.Skip(from).Take(6).Select(s => (s * 100).ToString("F1", c)));
            var anchor = from == 0 ? CalibrationAnchors.HourOfDay : new CalibrationAnchor("", "(as above)", "");
            rows.Add(Row(anchor with { Figure = string.Create(c, $"hour of day {from:00}-{from + 5:00} local, % each") }, hours));
        }

        rows.Add(Row(CalibrationAnchors.Weekday with { Figure = "weekday Mon-Sun local, % each" }, string.Join(" ", WeekdayShares.Select(s => (s * 100).ToString("F1", c)))));
        return rows;
    }

    private static CalibrationRow Row(CalibrationAnchor anchor, string value) => new(anchor.Figure, value, anchor.Value, anchor.Source);

    private static string Amounts(AmountSummary a, bool withMean)
    {
        var c = CultureInfo.InvariantCulture;
        var mean = withMean ? string.Create(c, $", mean {a.Mean:N2}") : "";
        return string.Create(c, $"median {a.Median:N2}, p90 {a.P90:N2}, p99 {a.P99:N2}, max {a.Max:N2}{mean} (n {a.Count:N0})");
    }

    private static string Percent(double share, int decimals) =>
        (share * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " %";

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static AmountSummary Summary(List<double> values)
    {
        if (values.Count == 0)
        {
            return new AmountSummary(0, 0, 0, 0, 0, 0);
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return new AmountSummary(sorted.Length, Rank(sorted, 0.5), Rank(sorted, 0.9), Rank(sorted, 0.99), sorted[^1], sorted.Average());
    }

    // Nearest rank: the smallest value with at least q of the values at or below it.
    private static double Rank(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
