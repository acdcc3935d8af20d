using Actors.Simulation.Traffic;

namespace Actors.Simulation.Trace;

/// <summary>
/// An open trace file: its header (read and checked on open) and its events, validated as they
/// stream. Every problem surfaces as a <see cref="TraceFormatException"/> naming the file and part.
/// </summary>
public abstract class TraceReader : IAsyncDisposable
{
    protected TraceReader(string path, TraceHeader header)
    {
        Path = path;
        Header = header;
    }

    public string Path { get; }

    public TraceHeader Header { get; }

    /// <summary>The number of events when the file declares it up front (Parquet), else null.</summary>
    public virtual long? DeclaredEventCount => null;

    /// <summary>The events in file order; can be enumerated once.</summary>
    public abstract IAsyncEnumerable<TraceEvent> ReadEventsAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}
