namespace Actors.Simulation.Population;

/// <summary>A country the simulated world has users and merchants in.</summary>
/// <param name="UtcOffsetHours">Standard-time offset: the daily rhythm runs in local time.</param>
/// <param name="Region">Which banks serve it (see <see cref="BankShare.Region"/>).</param>
/// <param name="FxPerUsd">Rough units of the currency per US dollar, to scale amount distributions.</param>
public sealed record CountryInfo(string Code, string Locale, string BogusLocale, string Currency, int CurrencyDigits, int UtcOffsetHours, string Region, double Weight, double FxPerUsd);

/// <summary>The fixed country catalog. Order matters: indexes are stored per user and merchant.</summary>
public static class Countries
{
    public static readonly IReadOnlyList<CountryInfo> All =
    [
        new("US", "en_US", "en_US", "USD", 2, -5, BankShare.UsRegion, 0.50, 1.0),
        new("GB", "en_GB", "en_GB", "GBP", 2, 0, BankShare.EuropeRegion, 0.09, 0.79),
        new("DE", "de_DE", "de", "EUR", 2, 1, BankShare.EuropeRegion, 0.11, 0.92),
        new("FR", "fr_FR", "fr", "EUR", 2, 1, BankShare.EuropeRegion, 0.09, 0.92),
        new("ES", "es_ES", "es", "EUR", 2, 1, BankShare.EuropeRegion, 0.07, 0.92),
        new("IT", "it_IT", "it", "EUR", 2, 1, BankShare.EuropeRegion, 0.06, 0.92),
        new("NL", "nl_NL", "nl", "EUR", 2, 1, BankShare.EuropeRegion, 0.04, 0.92),
        new("PL", "pl_PL", "pl", "PLN", 2, 1, BankShare.EuropeRegion, 0.04, 4.0),
    ];

    /// <summary>
    /// Countries reached from each country by land (or the Channel Tunnel), by index into <see cref="All"/>:
    /// trips there start after hours, not after a flight. The US has none in this catalog.
    /// </summary>
    public static readonly IReadOnlyList<int[]> LandNeighbours =
    [
        [], [3], [3, 6, 7], [1, 2, 4, 5], [3], [3], [2], [2],
    ];

    public static int IndexOf(string code)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }
}
