namespace Actors.Simulation.Population;

/// <summary>
/// A bank and its market share within its region: an account of a user in that region lands at this
/// bank with probability Share / (sum of the region's shares).
/// </summary>
/// <param name="BinPrefix">Six-digit card issuer prefix of the bank's cards.</param>
public sealed record BankShare(string Bank, string Region, double Share, string BinPrefix)
{
    public const string UsRegion = "US";
    public const string EuropeRegion = "EU";

    /// <summary>The default market: four US banks and four European ones (shares are illustrative).</summary>
    public static IReadOnlyList<BankShare> Defaults { get; } =
    [
        new("CHASE", UsRegion, 0.32, "414720"),
        new("BANK_OF_AMERICA", UsRegion, 0.28, "431301"),
        new("WELLS_FARGO", UsRegion, 0.22, "446542"),
        new("CITI", UsRegion, 0.18, "542418"),
        new("BNP_PARIBAS", EuropeRegion, 0.27, "497010"),
        new("SANTANDER", EuropeRegion, 0.26, "454313"),
        new("ING", EuropeRegion, 0.25, "535584"),
        new("DEUTSCHE_BANK", EuropeRegion, 0.22, "522130"),
    ];
}
