using Actors.LoadTests.Population;
using Actors.LoadTests.Tests.Support;
using Actors.Users;

namespace Actors.LoadTests.Tests.Population;

/// <summary>Seeding creates the population once; seeding again (a second run, another scenario's init) changes nothing.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class PopulationSeederTests(EmbeddedSiloFixture silo)
{
    private readonly IGrainFactory _grains = silo.Grains;

    [Fact]
    public async Task Seeding_twice_leaves_balances_postings_consents_and_audit_log_unchanged()
    {
        var population = ScenarioRuns.SharedPopulation;
        await PopulationSeeder.SeedAsync(_grains, population, null, CancellationToken.None);
        var chase = await PopulationState.ChaseAccountsAsync(_grains, population);
        var citi = await PopulationState.CitiAccountsAsync(_grains, population);
        var consents = await ConsentCountsAsync(population);
        var audit = await PopulationState.CountAuditAsync(_grains, population, _ => true);

        await PopulationSeeder.SeedAsync(_grains, population, null, CancellationToken.None);

        Assert.Equal(chase, await PopulationState.ChaseAccountsAsync(_grains, population));
        Assert.Equal(citi, await PopulationState.CitiAccountsAsync(_grains, population));
        Assert.Equal(consents, await ConsentCountsAsync(population));
        Assert.Equal(audit, await PopulationState.CountAuditAsync(_grains, population, _ => true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Seeded_user_owns_two_funded_accounts_and_consents_as_the_options_say(bool consenting)
    {
        // A one-user slice far above the shared population (lt-u0..199), so its accounts are untouched by other tests.
        var template = new PopulationOptions { OpeningBalanceMinor = 12_345 };
        var index = Enumerable.Range(5_000, 1_000).First(i => template.Consents(i) == consenting);
        var slice = template with { Users = index + 1, AgentIndex = index, AgentCount = index + 1 };
        Assert.Equal([index], slice.SliceIndexes());

        await PopulationSeeder.SeedAsync(_grains, slice, null, CancellationToken.None);

        var user = await _grains.GetGrain<IUserGrain>(PopulationOptions.UserId(index)).Get();
        Assert.Equal([PopulationOptions.ChaseAccount(index), PopulationOptions.CitiAccount(index)], user.LinkedAccounts.Order());
        var accounts = (await PopulationState.ChaseAccountsAsync(_grains, slice)).Concat(await PopulationState.CitiAccountsAsync(_grains, slice));
        Assert.All(accounts, a => Assert.Equal((PopulationOptions.UserId(index), 12_345L), (a.Owner, a.Balance.Minor)));
        bool Granted(ConsentPurpose purpose) => user.Consents.Any(c => c.Bank == "CHASE" && c.Purpose == purpose && c.RevokedAt is null);
        Assert.Equal(consenting, Granted(ConsentPurpose.BalanceView));
        Assert.Equal(consenting, Granted(ConsentPurpose.TransactionNotifications));
    }

    [Fact]
    public async Task Seeding_again_after_hundreds_of_postings_moves_no_money_and_says_it_reused_the_population()
    {
        // A fresh slice of 3 users far above the other tests' indexes; one of its accounts then takes 300 postings (far
        // more than an account once remembered), so only "funded already" can keep the second seeding from funding it again.
        var slice = new PopulationOptions { Users = 9_003, AgentIndex = 9_000, AgentCount = 1 };
        var indexes = slice.SliceIndexes().ToArray();
        Assert.Equal([9_000, 9_001, 9_002], indexes);

        var first = await PopulationSeeder.SeedAsync(_grains, slice, null, CancellationToken.None);

        Assert.Equal(new SeedSummary(6, 0), first);
        var busy = _grains.GetGrain<Actors.Accounts.IAccountGrain>(PopulationOptions.CitiAccount(indexes[0]));
        for (var i = 0; i < 300; i++)
        {
            await busy.Withdraw($"spend-{i}", Money.Money.FromMinor(1, "USD"));
        }

        var before = await BalancesAsync(indexes);
        var second = await PopulationSeeder.SeedAsync(_grains, slice, null, CancellationToken.None);

        Assert.Equal(before, await BalancesAsync(indexes));
        Assert.Equal(0, second.CreatedAccounts);
        Assert.StartsWith("reused", second.ToString(), StringComparison.Ordinal);
    }

    private async Task<long[]> BalancesAsync(int[] indexes) =>
        (await Task.WhenAll(indexes.SelectMany(i => new[] { PopulationOptions.ChaseAccount(i), PopulationOptions.CitiAccount(i) })
            .Select(id => _grains.GetGrain<Actors.Accounts.IAccountGrain>(id).GetSnapshot())))
            .Select(a => a.Balance.Minor)
            .ToArray();

    private async Task<int[]> ConsentCountsAsync(PopulationOptions population) =>
        (await Task.WhenAll(population.SliceIndexes().Select(i => _grains.GetGrain<IUserGrain>(PopulationOptions.UserId(i)).Get())))
            .Select(u => u.Consents.Count)
            .ToArray();
}
