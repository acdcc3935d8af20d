namespace Actors.Simulation.Analysis;

/// <summary>A published figure a trace's shape can be held against; <see cref="Value"/> says "approx." where the source gives no exact number for it.</summary>
public sealed record CalibrationAnchor(string Figure, string Value, string Source);

/// <summary>
/// The anchors of <c>inspect --calibration</c>, as plain text: only figures with a public source, marked
/// "approx." where that source supports a range or a rounded value rather than a precise number, and
/// <see cref="None"/> where there is no public figure to hold the trace against.
/// </summary>
public static class CalibrationAnchors
{
    public const string None = "no public anchor";

    public static readonly CalibrationAnchor PaymentsPerUserPerDay = new("card payments per user per day", "approx. 1.3-1.6",
        "issue #18 target after US consumer payment diaries (Federal Reserve Diary of Consumer Payment Choice: about 1.5 payments a day per consumer, most of them by card)");

    public static readonly CalibrationAnchor CardPresentShare = new("card-present share", "approx. 2/3",
        "Federal Reserve Payments Study (US): in-person payments are most card payments by number");

    public static readonly CalibrationAnchor CrossBorderLegitimate = new("cross-border share of legitimate payments", "approx. 10 %",
        "ECB reports on card fraud: about nine in ten SEPA card transactions are domestic");

    public static readonly CalibrationAnchor FraudByCountPaySim = new("fraud share by count", "0.129 %",
        "PaySim synthetic mobile money (8,213 fraud of 6,362,620 transactions)");

    public static readonly CalibrationAnchor FraudByCountKaggle = new("fraud share by count", "0.172 %",
        "Kaggle credit card fraud, European cardholders, Sept. 2013 (492 of 284,807)");

    public static readonly CalibrationAnchor FraudByValue = new("fraud share by value", "approx. 0.036 %",
        "ECB Seventh report on card fraud (2021): SEPA card fraud in 2019 as a share of the value of card transactions");

    public static readonly CalibrationAnchor Amounts = new("amount, all categories", "median 22.00, mean 88.35, max 25,691.16",
        "Kaggle credit card fraud, European cardholders, Sept. 2013 (EUR, 284,807 transactions)");

    public static readonly CalibrationAnchor PricePoints = new("cents .00/.99/.50/.95", "above the uniform 1 % each; approx., no share published for card totals",
        "Schindler & Kirby 1997, rightmost digits of advertised prices: 0, 5 and 9 over-represented");

    public static readonly CalibrationAnchor HourOfDay = new("hour of day", None + " (shares); shape: quiet nights, daytime and evening peaks",
        "Kaggle European cardholders: far fewer transactions at night");

    public static readonly CalibrationAnchor Weekday = new("weekday", None, "");

    /// <summary>Per merchant category code; a category not listed has <see cref="None"/>.</summary>
    public static readonly IReadOnlyDictionary<int, CalibrationAnchor> ByCategory = new Dictionary<int, CalibrationAnchor>
    {
        [5541] = new("fuel", "approx. $40-60 a fill-up", "a 12-15 gallon tank at the US retail gasoline price of about $3-4 a gallon (EIA, 2022-2024)"),
        [4511] = new("airline", "approx. $350-400 mean fare", "US BTS Average Domestic Airline Itinerary Fares (2019, 2022-2023)"),
        [7011] = new("hotel", "approx. $150-160 a night", "US hotel average daily rate (STR/CoStar, 2023); a stay is one or more nights"),
    };
}
