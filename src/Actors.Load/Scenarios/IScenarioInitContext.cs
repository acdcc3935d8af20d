namespace Actors.Load.Scenarios;

/// <summary>What a scenario's init and clean functions see.</summary>
public interface IScenarioInitContext
{
    /// <summary>The scenario's snake_case name.</summary>
    string ScenarioName { get; }

    /// <summary>Cancelled when the run is aborted.</summary>
    CancellationToken CancellationToken { get; }
}

internal sealed record ScenarioInitContext(string ScenarioName, CancellationToken CancellationToken) : IScenarioInitContext;
