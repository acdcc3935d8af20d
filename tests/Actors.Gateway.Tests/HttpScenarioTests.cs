using Actors.Load.Engine;
using Actors.Load.Simulations;
using Actors.Gateway.Tests.Infrastructure;
using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;
using LoadShapes = Actors.Load.Simulations.Simulation;

namespace Actors.Gateway.Tests;

/// <summary>The loadtests scenario http_balance_check against this suite's gateway: real HTTP, every call answered.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HttpScenarioTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Http_balance_check_links_the_population_and_reads_balances_without_failures()
    {
        var population = new PopulationOptions { Users = 40 };
        var context = new LoadContext(fixture.Grains, population, LoadContext.NewRunToken(0)) { InteractiveConsole = false };
        var scenario = HttpScenarios.CreateBalanceCheck(context, new HttpTarget(fixture.Http.BaseAddress, Personas.Bench, Personas.BenchKey));
        var own = scenario.Init!;

        // Composed as OrleansScenarios.Create does it: the population first, then the scenario's partner links.
        var runnable = scenario
            .WithInit(async init =>
            {
                await context.EnsurePopulationAsync(init.CancellationToken);
                await own(init);
            })
            .WithLoadSimulations(LoadShapes.IterationsForConstant(4, 200));

        var result = await LoadRunner.RegisterScenarios(runnable).WithRunName("http").WithoutConsole().WithoutReports().RunAsync();

        var run = result.Scenarios.Single();
        Assert.True(run.FailCount == 0, string.Join(", ", run.Global.ErrorKinds.Select(e => $"{e.Name}={e.Count}")));
        Assert.Equal(200, run.OkCount);
        var statuses = run.Global.StatusCodes.ToDictionary(c => c.Name, c => c.Count);
        Assert.True(statuses.GetValueOrDefault("ok") > 0);

        // Some of the population declines consent (PopulationOptions.ConsentPercent): they are answered 403, counted apart.
        Assert.Equal(Enumerable.Range(0, population.Users).Any(i => !population.Consents(i)), statuses.ContainsKey("consent_required"));
    }

    [Fact]
    public void Without_a_gateway_url_the_scenario_refuses_to_start_naming_the_variable()
    {
        var previous = Environment.GetEnvironmentVariable(HttpTarget.UrlVariable);
        Environment.SetEnvironmentVariable(HttpTarget.UrlVariable, null);
        try
        {
            var error = Assert.Throws<Load.LoadConfigurationException>(HttpTarget.FromEnvironment);
            Assert.Contains(HttpTarget.UrlVariable, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(HttpTarget.UrlVariable, previous);
        }
    }
}
