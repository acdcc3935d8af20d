namespace Actors.Simulation.Population;

/// <summary>
/// A merchant category (ISO 18245 MCC) with its amount distribution: log-normal with the given median
/// in US dollars and log-space sigma. <paramref name="Online"/> categories are card-not-present.
/// </summary>
public sealed record MerchantCategory(int Mcc, string Name, double MedianUsd, double Sigma, bool Online, bool HighRisk);

/// <summary>The fixed category catalog. Order matters: indexes are stored per merchant and persona.</summary>
public static class MerchantCategories
{
    public static readonly IReadOnlyList<MerchantCategory> All =
    [
        new(5411, "grocery", 42, 0.7, false, false),
        new(5812, "restaurant", 38, 0.6, false, false),
        new(5814, "fast_food", 12, 0.5, false, false),
        new(5541, "fuel", 45, 0.4, false, false),
        new(5311, "department_store", 70, 0.8, false, false),
        new(5912, "pharmacy", 25, 0.7, false, false),
        new(5732, "electronics", 180, 0.9, false, false),
        new(5942, "online_retail", 55, 0.9, true, false),
        new(5815, "digital_goods", 9, 0.6, true, false),
        new(4111, "transit", 6, 0.5, false, false),
        new(4511, "airline", 320, 0.6, true, false),
        new(7011, "hotel", 180, 0.6, false, false),
        new(7832, "entertainment", 24, 0.5, false, false),
        new(7995, "gambling", 60, 1.0, true, true),
        new(6051, "crypto_exchange", 150, 1.1, true, true),
    ];

    public const int DigitalGoods = 8;
    public const int Electronics = 6;
    public const int Crypto = 14;
    public const int OnlineRetail = 7;
}
