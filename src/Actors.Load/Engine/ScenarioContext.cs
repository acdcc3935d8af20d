using Actors.Load.Scenarios;
using Actors.Load.Statistics;

namespace Actors.Load.Engine;

/// <summary>The per-invocation (open model) or per-copy (closed model) context handed to the step function.</summary>
internal sealed class ScenarioContext(string scenarioName, int instanceNumber, ScenarioCollector collector,
    RunClock clock, CancellationToken cancellationToken) : IScenarioContext
{
    private Dictionary<string, object>? _data;

    public string ScenarioName => scenarioName;

    public int InstanceNumber => instanceNumber;

    public long InvocationNumber { get; set; }

    /// <summary>How late the current invocation started after its intended time (µs; 0 in the closed model). A
    /// step's wait is its invocation's: the generator's lag before any of the invocation's work began.</summary>
    internal long WaitMicroseconds { get; set; }

    public CancellationToken CancellationToken => cancellationToken;

    public Random Random => Random.Shared;

    public IDictionary<string, object> Data => _data ??= new Dictionary<string, object>(StringComparer.Ordinal);

    internal ScenarioCollector Collector => collector;

    internal RunClock Clock => clock;
}
