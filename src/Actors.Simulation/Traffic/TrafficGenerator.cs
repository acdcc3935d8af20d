using System.Collections;
using Actors.Simulation.Population;

namespace Actors.Simulation.Traffic;

/// <summary>
/// The trace of a <see cref="World"/> as a lazy, time-ordered stream: setup events first (merchants,
/// users, accounts, initial deposits and consents, all at the start instant), then the traffic.
/// Enumerating twice gives the same events; memory stays proportional to the population.
/// </summary>
public sealed class TrafficGenerator(World world) : IEnumerable<TraceEvent>
{
    public World World { get; } = world ?? throw new ArgumentNullException(nameof(world));

    public IEnumerator<TraceEvent> GetEnumerator() => new TrafficRun(World).Events().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
