using Actors.Load.Engine;
using Actors.Load.Simulations;
using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;
using Actors.LoadTests.Tests.Support;

namespace Actors.LoadTests.Tests.Scenarios;

/// <summary>
/// Mixed traffic concentrated on one user: Messenger balance checks (user grain -> account grain) race
/// card payments and deposits whose notifications go the other way (account grain -> user grain). With
/// non-interleaving grains each such pair waits for the other until Orleans' 30 s response timeout.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class HotUserTests(EmbeddedSiloFixture silo)
{
    private const int Iterations = 120;

    [Fact]
    public async Task Balance_checks_racing_payments_on_one_user_neither_fail_nor_stall()
    {
        // Index 0 consents (checked below), so both directions of calls really happen.
        var population = new PopulationOptions { Users = 1 };
        Assert.True(population.Consents(0));
        var context = new LoadContext(silo.Grains, population, LoadContext.NewRunToken(0)) { InteractiveConsole = false };
        await context.EnsurePopulationAsync(CancellationToken.None);
        var scenarios = new[]
        {
            OrleansScenarios.CreateBalanceCheck(context).WithWeight(2).WithLoadSimulations(LoadShapes.IterationsForConstant(4, Iterations)),
            OrleansScenarios.CreateCardAuthorization(context).WithWeight(1),
            OrleansScenarios.CreateNotificationFanout(context).WithWeight(1),
        };

        // A guard, not a synchronization: a healthy run takes about a second; a deadlocked one would take minutes.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await LoadRunner.RegisterScenarios(scenarios).WithoutConsole().WithoutReports().RunAsync(guard.Token);

        Assert.All(result.Scenarios, ScenarioRuns.AssertAllOk);
        Assert.Equal(Iterations, result.Scenarios.Sum(s => s.OkCount));
    }
}
