using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;

namespace Actors.Load.Tests;

/// <summary>Shared helpers: fake steps of known latency and a quiet runner (no console, no reports).</summary>
internal static class Fakes
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public static Func<IScenarioContext, Task<IResponse>> Delay(TimeSpan latency) => async _ =>
    {
        await Task.Delay(latency);
        return Response.Ok();
    };

    public static Func<IScenarioContext, Task<IResponse>> Instant { get; } = async _ =>
    {
        await Task.Yield();
        return Response.Ok();
    };

    public static LoadRunner Quiet(params ScenarioProps[] scenarios) =>
        LoadRunner.RegisterScenarios(scenarios).WithoutConsole().WithoutReports().WithReportingInterval(Interval);

    public static async Task<ScenarioResult> RunOne(string name, Func<IScenarioContext, Task<IResponse>> step,
        params LoadSimulation[] simulations)
    {
        var result = await Quiet(Scenario.Create(name, step).WithLoadSimulations(simulations)).RunAsync();
        return result.Scenario(name);
    }
}
