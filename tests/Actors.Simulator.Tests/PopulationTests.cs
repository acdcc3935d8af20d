using Actors.Money;
using Actors.Simulation.Population;

namespace Actors.Simulator.Tests;

public sealed class PopulationTests
{
    [Fact]
    public void Every_id_currency_and_card_number_is_well_formed()
    {
        var world = TestSupport.Small(users: 300);
        Assert.All(world.UserIds, id => Assert.True(Ids.IsUserId(id), id));
        Assert.All(world.AccountIds, id => Assert.True(Ids.IsAccountId(id), id));
        Assert.Equal(world.AccountCount, world.AccountIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(world.UserCount, world.UserIds.Distinct(StringComparer.Ordinal).Count());
        for (var a = 0; a < world.AccountCount; a++)
        {
            Assert.True(Currency.TryParse(world.CurrencyOfAccount(a), out _), world.CurrencyOfAccount(a));
            Assert.True(Luhn.IsValid(world.CardNumber[a]), world.CardNumber[a]);
            Assert.Equal(16, world.CardNumber[a].Length);
            Assert.StartsWith(world.Banks[world.AccountBank[a]].BinPrefix, world.CardNumber[a], StringComparison.Ordinal);
            var country = world.CountryOfUser(world.AccountOwner[a]);
            Assert.Equal(country.Region, world.Banks[world.AccountBank[a]].Region);
            if (country.Region == BankShare.UsRegion)
            {
                Assert.Matches("^[0-9]{9}$", world.RoutingNumber[a]!);
                Assert.Null(world.Iban[a]);
            }
            else
            {
                Assert.StartsWith(country.Code, world.Iban[a]!, StringComparison.Ordinal);
            }
        }

        Assert.All(Enumerable.Range(0, world.UserCount), u => Assert.InRange(world.AccountCountOf(u), 1, 3));
        Assert.All(world.UserNames, name => Assert.False(string.IsNullOrWhiteSpace(name)));
    }

    [Fact]
    public void Luhn_check_digit_matches_known_card_numbers()
    {
        Assert.True(Luhn.IsValid("4111111111111111"));
        Assert.True(Luhn.IsValid("79927398713"));
        Assert.False(Luhn.IsValid("4111111111111112"));
        Assert.Equal('3', Luhn.CheckDigit("7992739871"));
    }

    [Fact]
    public void Bank_market_shares_within_each_region_match_the_configured_shares_within_two_points()
    {
        var world = TestSupport.StatisticsTrace.World;
        foreach (var region in new[] { BankShare.UsRegion, BankShare.EuropeRegion })
        {
            var banks = world.Banks.Select((b, i) => (Bank: b, Index: i)).Where(b => b.Bank.Region == region).ToArray();
            var total = banks.Sum(b => b.Bank.Share);
            var accounts = world.AccountBank.Count(b => world.Banks[b].Region == region);
            foreach (var (bank, index) in banks)
            {
                var observed = (double)world.AccountBank.Count(b => b == index) / accounts;
                Assert.InRange(observed, bank.Share / total - 0.02, bank.Share / total + 0.02);
            }
        }
    }

    [Fact]
    public void An_entity_is_the_same_whatever_the_population_size_or_thread_count()
    {
        var small = TestSupport.Small(seed: 5, users: 150);
        var large = Actors.Simulation.Population.WorldBuilder.Build(new Actors.Simulation.Options.SimulationOptions { Seed = 5, Users = 450 }, maxDegreeOfParallelism: 1);
        for (var u = 0; u < small.UserCount; u++)
        {
            Assert.Equal(small.UserNames[u], large.UserNames[u]);
            Assert.Equal(small.MessengerIds[u], large.MessengerIds[u]);
            Assert.Equal(small.UserCountry[u], large.UserCountry[u]);
            Assert.Equal(small.AccountCountOf(u), large.AccountCountOf(u));
            for (var k = 0; k < small.AccountCountOf(u); k++)
            {
                Assert.Equal(small.AccountIds[small.FirstAccount[u] + k], large.AccountIds[large.FirstAccount[u] + k]);
                Assert.Equal(small.CardNumber[small.FirstAccount[u] + k], large.CardNumber[large.FirstAccount[u] + k]);
            }
        }
    }

    [Fact]
    public void Invalid_options_are_refused_naming_each_option()
    {
        var errors = Actors.Simulation.Options.SimulationOptionsValidator.Validate(new Actors.Simulation.Options.SimulationOptions
        {
            Users = 0,
            Days = 400,
            Banks = [new BankShare("chase", BankShare.UsRegion, -1, "12")],
        });
        Assert.Contains(errors, e => e.StartsWith("Users", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Days", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'chase' is not a bank id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("share of chase", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("region EU needs", StringComparison.Ordinal));
    }
}
