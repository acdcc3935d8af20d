namespace Actors.Load.Scenarios;

/// <summary>Entry point for defining scenarios, as in NBomber: <c>Scenario.Create("name", step)</c>.</summary>
public static class Scenario
{
    /// <summary>Creates a scenario; the name must be snake_case (it is used unchanged in reports and file names).</summary>
    public static ScenarioProps Create(string name, Func<IScenarioContext, Task<IResponse>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ScenarioName.Validate(name);
        return new ScenarioProps(name, run);
    }
}
