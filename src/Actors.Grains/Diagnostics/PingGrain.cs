namespace Actors.Diagnostics;

/// <summary>Echoes its argument; no state, no I/O.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask<long> Ping(long value) => ValueTask.FromResult(value);
}
