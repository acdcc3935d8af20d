namespace Actors.Diagnostics;

/// <summary>
/// A grain that persists a state of an account's hot-state size on every call and does nothing else: the cost of one
/// state-writing grain call through the configured store, the baseline that write-path scenarios are compared with.
/// </summary>
[Alias("Actors.IPingWriteGrain")]
public interface IPingWriteGrain : IGrainWithIntegerKey
{
    /// <summary>Stores <paramref name="value"/> with a payload of <paramref name="payloadBytes"/> bytes (0 to 65,536); returns the value.</summary>
    [Alias("Write")]
    ValueTask<long> Write(long value, int payloadBytes);

    /// <summary>Reads the state back from the store (not from the activation): the last value written, or null when none was.</summary>
    [Alias("ReadStored")]
    ValueTask<PingWriteState?> ReadStored();
}

/// <summary>What <see cref="IPingWriteGrain"/> persists.</summary>
[GenerateSerializer, Alias("Actors.PingWriteState")]
public sealed class PingWriteState
{
    public const int CurrentVersion = 1;

    [Id(0)]
    public int Version { get; set; } = CurrentVersion;

    [Id(1)]
    public long Value { get; set; }

    [Id(2)]
    public byte[] Payload { get; set; } = [];
}
