using Actors.Load.Engine;
using Actors.Load.Simulations;
using Actors.Load.Statistics;
using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;

namespace Actors.LoadTests.Tests.Support;

/// <summary>
/// Short, iteration-bounded runs of the Orleans scenarios, defined exactly as the command line defines
/// them (<see cref="OrleansScenarios.Create"/>), without the live console and without report files.
/// </summary>
public static class ScenarioRuns
{
    /// <summary>Small enough to seed in about a second, large enough for ~10 % non-consenting users to be hit.</summary>
    public const int Users = 200;

    public const int Copies = 8;

    public const int Iterations = 400;

    public static PopulationOptions SharedPopulation { get; } = new() { Users = Users };

    /// <summary>A context on the shared population with its population created (or reused), as a scenario's init would.</summary>
    public static async Task<LoadContext> ReadyContextAsync(IGrainFactory grains)
    {
        var context = new LoadContext(grains, SharedPopulation, LoadContext.NewRunToken(0)) { InteractiveConsole = false };
        await context.EnsurePopulationAsync(CancellationToken.None);
        return context;
    }

    /// <summary>Runs <paramref name="name"/> (all of mixed's scenarios) for <see cref="Iterations"/> invocations in total.</summary>
    public static Task<RunResult> RunAsync(string name, LoadContext context, int iterations = Iterations)
    {
        var scenarios = OrleansScenarios.Create(name, context)
            .Select((s, i) => i == 0 ? s.WithLoadSimulations(LoadShapes.IterationsForConstant(Copies, iterations)) : s)
            .ToArray();
        return LoadRunner.RegisterScenarios(scenarios).WithRunName(name).WithoutConsole().WithoutReports().RunAsync();
    }

    /// <summary>How often a status code was counted (0 when absent).</summary>
    public static long StatusCount(ScenarioResult scenario, string code) =>
        scenario.Global.StatusCodes.FirstOrDefault(c => c.Name == code)?.Count ?? 0;

    /// <summary>Every invocation succeeded as a call (business declines are ok with a status code).</summary>
    public static void AssertAllOk(ScenarioResult scenario)
    {
        var errors = string.Join(", ", scenario.Global.ErrorKinds.Select(e => $"{e.Name}={e.Count}"));
        Assert.True(scenario.FailCount == 0, $"{scenario.Name}: {scenario.FailCount} failed ({errors})");
        Assert.True(scenario.OkCount > 0, $"{scenario.Name}: no successful invocation");
    }
}
