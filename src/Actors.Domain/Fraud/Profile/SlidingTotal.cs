namespace Actors.Fraud;

/// <summary>
/// A <see cref="SlidingCount"/> that also sums amounts (integer minor units) per bucket: 32 bytes.
/// </summary>
[GenerateSerializer, Alias("Actors.SlidingTotal")]
public struct SlidingTotal
{
    [Id(0)] public SlidingCount Count { get; set; }

    [Id(1)] public long CurrentMinor { get; set; }

    [Id(2)] public long PreviousMinor { get; set; }
}
