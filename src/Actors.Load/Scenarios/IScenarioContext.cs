namespace Actors.Load.Scenarios;

/// <summary>What a step function sees on each invocation (NBomber's <c>IScenarioContext</c>).</summary>
public interface IScenarioContext
{
    /// <summary>The scenario's snake_case name.</summary>
    string ScenarioName { get; }

    /// <summary>The copy (virtual user) running this invocation; 0 for injected (open-model) invocations
    /// unless the simulation spreads them over instances (see <see cref="InvocationNumber"/>).</summary>
    int InstanceNumber { get; }

    /// <summary>A number unique per invocation within the scenario, starting at 0; handy for partitioning data.</summary>
    long InvocationNumber { get; }

    /// <summary>Cancelled when the run stops (end of duration, Ctrl+C, or a failed init).</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>A thread-safe random source.</summary>
    Random Random { get; }

    /// <summary>Per-copy scratch data that survives between invocations of the same copy (closed model).</summary>
    IDictionary<string, object> Data { get; }
}
