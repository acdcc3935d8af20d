using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>
/// The two-bucket sliding window over <see cref="SlidingCount"/> and <see cref="SlidingTotal"/>: time is
/// cut into fixed buckets one window long; the window ending now holds all of the current bucket and the
/// still-overlapping share of the previous one, assuming the previous bucket's events were spread evenly.
/// Fixed size whatever the traffic, at the price of that assumption (error at most the previous bucket's count).
/// Amounts stay integer: the overlap is a fraction in 1/1024ths and sums saturate far below overflow.
/// A timestamp older than the current bucket (out of order) is counted into the current bucket.
/// </summary>
public static class SlidingWindows
{
    /// <summary>Sums saturate here, so sum x 1024 never overflows a long.</summary>
    public const long MaxTrackedMinor = long.MaxValue >> 11;

    private const long FractionOne = 1024;

    /// <summary>Events in the window ending at <paramref name="ticks"/>, not counting a new one.</summary>
    public static long Estimate(this in SlidingCount window, long ticks, long windowTicks)
    {
        var bucket = Math.DivRem(ticks, windowTicks, out var into);
        if (bucket > window.Bucket + 1)
        {
            return 0;
        }

        if (bucket == window.Bucket + 1)
        {
            return window.Current * Overlap(into, windowTicks) / FractionOne;
        }

        return window.Current + (bucket == window.Bucket ? window.Previous * Overlap(into, windowTicks) / FractionOne : window.Previous);
    }

    /// <summary>Counts one event at <paramref name="ticks"/>.</summary>
    public static void Add(this ref SlidingCount window, long ticks, long windowTicks)
    {
        Roll(ref window, ticks / windowTicks);
        window.Current = window.Current == int.MaxValue ? int.MaxValue : window.Current + 1;
    }

    /// <summary>Money in the window ending at <paramref name="ticks"/>, not counting a new payment.</summary>
    public static long EstimateMinor(this in SlidingTotal window, long ticks, long windowTicks)
    {
        var bucket = Math.DivRem(ticks, windowTicks, out var into);
        var stored = window.Count.Bucket;
        if (bucket > stored + 1)
        {
            return 0;
        }

        if (bucket == stored + 1)
        {
            return window.CurrentMinor * Overlap(into, windowTicks) / FractionOne;
        }

        return window.CurrentMinor + (bucket == stored ? window.PreviousMinor * Overlap(into, windowTicks) / FractionOne : window.PreviousMinor);
    }

    /// <summary>Counts one payment of <paramref name="amountMinor"/> at <paramref name="ticks"/>.</summary>
    public static void Add(this ref SlidingTotal window, long ticks, long windowTicks, long amountMinor)
    {
        var count = window.Count;
        var bucket = ticks / windowTicks;
        if (bucket == count.Bucket + 1)
        {
            window.PreviousMinor = window.CurrentMinor;
            window.CurrentMinor = 0;
        }
        else if (bucket > count.Bucket + 1)
        {
            window.PreviousMinor = 0;
            window.CurrentMinor = 0;
        }

        count.Add(ticks, windowTicks);
        window.Count = count;
        window.CurrentMinor = Math.Min(MaxTrackedMinor, window.CurrentMinor + Math.Clamp(amountMinor, 0, MaxTrackedMinor));
    }

    private static void Roll(ref SlidingCount window, long bucket)
    {
        if (bucket == window.Bucket + 1)
        {
            window.Previous = window.Current;
            window.Current = 0;
            window.Bucket = bucket;
        }
        else if (bucket > window.Bucket + 1)
        {
            window.Previous = 0;
            window.Current = 0;
            window.Bucket = bucket;
        }
    }

    // Share of the previous bucket still inside the window, in 1/1024ths, from how far into the current bucket we are.
    // A time fraction, not money: computed in double (cheaper than a second 64-bit division); amounts stay integer.
    private static long Overlap(long intoBucket, long windowTicks) => (long)((windowTicks - intoBucket) * (double)FractionOne / windowTicks);
}
