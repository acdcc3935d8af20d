using System.Globalization;
using Actors.Simulation.Options;
using Actors.Simulation.Randomness;

namespace Actors.Simulation.Population;

/// <summary>
/// Builds a <see cref="World"/> from options. Every entity draws from its own seeded stream
/// (<see cref="SeedMix"/>), numbers from xoshiro256** and texts (names, companies, cities, IBANs,
/// card digits) from Bogus reseeded per entity, so entity i is the same whatever comes before it and
/// however many threads build the texts.
/// </summary>
public static class WorldBuilder
{
    /// <summary>Base consent propensity per purpose (balance view, notifications, fraud alerts, insights, offers).</summary>
    private static readonly double[] BasePropensity = [0.55, 0.45, 0.70, 0.20, 0.12];

    private static readonly AliasTable AccountsPerUser = new([0.6, 0.3, 0.1]);

    public static World Build(SimulationOptions options, int maxDegreeOfParallelism = -1)
    {
        SimulationOptionsValidator.ThrowIfInvalid(options);
        options = options.Clone();
        var seed = options.Seed;
        var users = options.Users;
        var countryPick = new AliasTable(Countries.All.Select(c => c.Weight).ToArray());
        var personaPick = Personas.All.Select(p => new AliasTable(p.CategoryWeights)).ToArray();
        var regionBanks = RegionBankTables(options.Banks);

        // Pass 1 (numbers only, fast): account counts decide where each user's accounts start.
        var accountCounts = new byte[users];
        for (var u = 0; u < users; u++)
        {
            var rng = new Xoshiro256(SeedMix.Of(seed, SeedMix.AccountStream, u));
            accountCounts[u] = (byte)(AccountsPerUser.Sample(ref rng) + 1);
        }

        var totalAccounts = 0;
        foreach (var c in accountCounts)
        {
            totalAccounts += c;
        }

        var world = new World(options, users, totalAccounts, options.EffectiveMerchants);
        var next = 0;
        for (var u = 0; u < users; u++)
        {
            world.FirstAccount[u] = next;
            next += accountCounts[u];
        }

        world.FirstAccount[users] = next;

        BuildMerchants(world, countryPick, maxDegreeOfParallelism);
        BuildIndexes(world);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, (users + ChunkSize - 1) / ChunkSize, parallel, () => new Fakers(), (chunk, _, fakers) =>
        {
            var end = Math.Min(users, (chunk + 1) * ChunkSize);
            for (var u = chunk * ChunkSize; u < end; u++)
            {
                BuildUser(world, u, countryPick, personaPick, regionBanks, fakers);
            }

            return fakers;
        }, _ => { });
        BuildUserIndexes(world);
        return world;
    }

    private const int ChunkSize = 2048;

    private static void BuildUser(World world, int u, AliasTable countryPick, AliasTable[] personaPick, Dictionary<string, (AliasTable Table, int[] Banks)> regionBanks, Fakers fakers)
    {
        var options = world.Options;
        var seed = options.Seed;
        var rng = new Xoshiro256(SeedMix.Of(seed, SeedMix.UserStream, u));
        var countryIndex = countryPick.Sample(ref rng);
        var country = Countries.All[countryIndex];
        world.UserCountry[u] = (byte)countryIndex;
        var persona = rng.NextInt(Personas.All.Count);
        world.Persona[u] = (byte)persona;
        world.SignupDay[u] = options.Start.DayNumber - rng.NextInt(30, 3650);
        world.Activity[u] = (float)Math.Exp(0.5 * NormalTable.Sample(ref rng) - 0.125);
        var scale = Math.Exp(0.4 * NormalTable.Sample(ref rng) - 0.08);
        world.AmountScale[u] = (float)scale;
        world.HourShift[u] = (sbyte)rng.NextInt(-2, 2);
        world.Travel[u] = (float)Math.Min(0.5, options.TravelProbability * Math.Exp(0.8 * NormalTable.Sample(ref rng) - 0.32));
        for (var p = 0; p < World.PurposeCount; p++)
        {
            var propensity = Math.Clamp(BasePropensity[p] + 0.25 * NormalTable.Sample(ref rng), 0, 1);
            world.Propensity[u * World.PurposeCount + p] = (byte)Math.Round(propensity * 255);
        }

        var monthly = country.Region == BankShare.EuropeRegion;
        world.PayPeriodDays[u] = (byte)(monthly ? 30 : 14);
        world.SalaryPhaseDays[u] = (byte)rng.NextInt(world.PayPeriodDays[u]);
        var salaryUsd = (monthly ? 3400 : 1900) * scale * Math.Exp(0.3 * NormalTable.Sample(ref rng));
        world.SalaryMinor[u] = ToMinor(salaryUsd, country);

        for (var slot = 0; slot < World.PreferredSlots; slot++)
        {
            var category = personaPick[persona].Sample(ref rng);
            var cell = World.Cell(countryIndex, category);
            var merchants = world.MerchantsByCell[cell];
            world.Preferred[u * World.PreferredSlots + slot] = merchants[world.CellPopularity[cell].Sample(ref rng)];
        }

        var faker = fakers.For(countryIndex, SeedMix.ForBogus(seed, SeedMix.UserFakerStream, u));
        world.UserIds[u] = "u" + u.ToString("D8", CultureInfo.InvariantCulture);
        world.UserNames[u] = faker.Name.FullName();
        world.MessengerIds[u] = faker.Random.ReplaceNumbers("1###############");

        var (banks, bankIds) = regionBanks[country.Region];
        for (var a = world.FirstAccount[u]; a < world.FirstAccount[u + 1]; a++)
        {
            var slot = a - world.FirstAccount[u];
            var bank = bankIds[banks.Sample(ref rng)];
            world.AccountOwner[a] = u;
            world.AccountBank[a] = (byte)bank;
            var bankId = world.Banks[bank].Bank;
            world.AccountIds[a] = bankId + ":" + u.ToString("D8", CultureInfo.InvariantCulture) + slot.ToString(CultureInfo.InvariantCulture);
            world.InitialDepositMinor[a] = Math.Max(100, (long)(world.SalaryMinor[u] * (slot == 0 ? 0.5 + rng.NextDouble() * 1.5 : 0.1 + rng.NextDouble() * 0.5)));

            // Per account (user, slot), so a user's third account never shifts another's numbers.
            var accountFaker = fakers.For(countryIndex, SeedMix.ForBogus(seed, SeedMix.AccountFakerStream, (long)u * World.MaxAccountsPerUser + slot));
            if (country.Region == BankShare.UsRegion)
            {
                world.RoutingNumber[a] = accountFaker.Finance.RoutingNumber();
                world.AccountNumber[a] = accountFaker.Finance.Account(10);
            }
            else
            {
                world.Iban[a] = accountFaker.Finance.Iban(false, country.Code);
            }

            var payload = world.Banks[bank].BinPrefix + accountFaker.Random.ReplaceNumbers("#########");
            world.CardNumber[a] = payload + Luhn.CheckDigit(payload);
        }
    }

    private static void BuildMerchants(World world, AliasTable countryPick, int maxDegreeOfParallelism)
    {
        var seed = world.Options.Seed;
        var cells = Countries.All.Count * MerchantCategories.All.Count;

        // Category popularity overall: the personas' mixes averaged.
        var categoryWeights = new double[MerchantCategories.All.Count];
        foreach (var persona in Personas.All)
        {
            for (var c = 0; c < categoryWeights.Length; c++)
            {
                categoryWeights[c] += persona.CategoryWeights[c];
            }
        }

        var categoryPick = new AliasTable(categoryWeights);
        var count = world.MerchantCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, (count + ChunkSize - 1) / ChunkSize, parallel, () => new Fakers(), (chunk, _, fakers) =>
        {
            var end = Math.Min(count, (chunk + 1) * ChunkSize);
            for (var m = chunk * ChunkSize; m < end; m++)
            {
                var rng = new Xoshiro256(SeedMix.Of(seed, SeedMix.MerchantStream, m));

                // The first merchants cover every (country, category) cell, so no cell is ever empty.
                int country, category;
                if (m < cells)
                {
                    country = m / MerchantCategories.All.Count;
                    category = m % MerchantCategories.All.Count;
                }
                else
                {
                    country = countryPick.Sample(ref rng);
                    category = categoryPick.Sample(ref rng);
                }

                world.MerchantCountry[m] = (byte)country;
                world.MerchantCategory[m] = (byte)category;
                world.MerchantRisk[m] = MerchantCategories.All[category].HighRisk ? (byte)2 : rng.Chance(0.1) ? (byte)1 : (byte)0;
                world.MerchantIds[m] = "M" + m.ToString("D7", CultureInfo.InvariantCulture);
                var faker = fakers.For(country, SeedMix.ForBogus(seed, SeedMix.MerchantFakerStream, m));
                world.MerchantNames[m] = faker.Company.CompanyName();
                world.MerchantCities[m] = faker.Address.City();
            }

            return fakers;
        }, _ => { });
    }

    private static void BuildIndexes(World world)
    {
        var cells = Countries.All.Count * MerchantCategories.All.Count;
        var lists = new List<int>[cells];
        for (var i = 0; i < cells; i++)
        {
            lists[i] = [];
        }

        for (var m = 0; m < world.MerchantCount; m++)
        {
            lists[World.Cell(world.MerchantCountry[m], world.MerchantCategory[m])].Add(m);
        }

        world.MerchantsByCell = lists.Select(l => l.ToArray()).ToArray();

        // Within a cell, popularity falls with rank (Zipf, exponent 1): a few merchants get most payments.
        world.CellPopularity = world.MerchantsByCell.Select(l => AliasTable.Zipf(l.Length, 1.0)).ToArray();
        var currencies = Countries.All.Select(c => c.Currency).Distinct(StringComparer.Ordinal).ToList();
        world.CountryCurrency = Countries.All.Select(c => currencies.IndexOf(c.Currency)).ToArray();
    }

    private static void BuildUserIndexes(World world)
    {
        var byCurrency = new List<int>[world.CountryCurrency.Max() + 1];
        for (var i = 0; i < byCurrency.Length; i++)
        {
            byCurrency[i] = [];
        }

        for (var a = 0; a < world.AccountCount; a++)
        {
            byCurrency[world.CountryCurrency[world.UserCountry[world.AccountOwner[a]]]].Add(a);
        }

        world.AccountsByCurrency = byCurrency.Select(l => l.ToArray()).ToArray();
        var byCountry = new List<int>[Countries.All.Count];
        for (var i = 0; i < byCountry.Length; i++)
        {
            byCountry[i] = [];
        }

        for (var u = 0; u < world.UserCount; u++)
        {
            byCountry[world.UserCountry[u]].Add(u);
        }

        world.UsersByCountry = byCountry.Select(l => l.ToArray()).ToArray();
    }

    private static Dictionary<string, (AliasTable, int[])> RegionBankTables(IReadOnlyList<BankShare> banks)
    {
        var tables = new Dictionary<string, (AliasTable, int[])>(StringComparer.Ordinal);
        foreach (var region in new[] { BankShare.UsRegion, BankShare.EuropeRegion })
        {
            var indexes = Enumerable.Range(0, banks.Count).Where(i => banks[i].Region == region).ToArray();
            tables[region] = (new AliasTable(indexes.Select(i => banks[i].Share).ToArray()), indexes);
        }

        return tables;
    }

    internal static long ToMinor(double usd, CountryInfo country)
    {
        var minor = usd * country.FxPerUsd * Pow10(country.CurrencyDigits);
        return Math.Max(1, (long)Math.Round(minor));
    }

    private static double Pow10(int digits) => digits switch { 0 => 1, 1 => 10, 2 => 100, _ => 1000 };

    /// <summary>One Bogus faker per country locale, owned by one thread, reseeded per entity.</summary>
    private sealed class Fakers
    {
        private readonly Bogus.Faker?[] _byCountry = new Bogus.Faker?[Countries.All.Count];

        public Bogus.Faker For(int country, int entitySeed)
        {
            var faker = _byCountry[country] ??= new Bogus.Faker(Countries.All[country].BogusLocale);
            faker.Random = new Bogus.Randomizer(entitySeed);
            return faker;
        }
    }
}
