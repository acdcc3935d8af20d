namespace Actors.Fraud;

/// <summary>
/// State of a sliding-window event counter in 16 bytes: the count of the current fixed bucket
/// (one window long) and of the one before it. The window's count is estimated as the current count
/// plus the share of the previous one that still overlaps the window (the two-bucket sliding window).
/// The window length is configuration, not state; the logic lives in Actors.Domain.Fraud.SlidingWindows.
/// </summary>
[GenerateSerializer, Alias("Actors.SlidingCount")]
public struct SlidingCount
{
    /// <summary>Index of the current bucket: timestamp ticks / window ticks (0 = never used).</summary>
    [Id(0)] public long Bucket { get; set; }

    [Id(1)] public int Current { get; set; }

    [Id(2)] public int Previous { get; set; }
}
