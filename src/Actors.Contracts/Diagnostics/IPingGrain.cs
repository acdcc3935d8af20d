namespace Actors.Diagnostics;

/// <summary>A grain that does nothing: the framework's own cost per call, the baseline for load tests.</summary>
[Alias("Actors.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    ValueTask<long> Ping(long value);
}
