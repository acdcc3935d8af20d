namespace Actors.Simulation.Population;

/// <summary>What a population holds, for trace headers and people: counts, in sorted key order.</summary>
public sealed record PopulationSummary(
    int Users,
    int Accounts,
    int Merchants,
    IReadOnlyList<KeyValuePair<string, int>> AccountsPerBank,
    IReadOnlyList<KeyValuePair<string, int>> UsersPerCountry)
{
    public static PopulationSummary Of(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var perBank = new int[world.Banks.Length];
        foreach (var bank in world.AccountBank)
        {
            perBank[bank]++;
        }

        var perCountry = new int[Countries.All.Count];
        foreach (var country in world.UserCountry)
        {
            perCountry[country]++;
        }

        return new PopulationSummary(
            world.UserCount,
            world.AccountCount,
            world.MerchantCount,
            world.Banks.Select((b, i) => KeyValuePair.Create(b.Bank, perBank[i])).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(),
            Countries.All.Select((c, i) => KeyValuePair.Create(c.Code, perCountry[i])).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray());
    }
}
