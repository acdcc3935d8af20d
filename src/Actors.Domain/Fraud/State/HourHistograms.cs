using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>Reads and updates the 24 packed 8-bit counters of an <see cref="HourHistogram"/>.</summary>
public static class HourHistograms
{
    /// <summary>The UTC hour of day (0-23) of a timestamp in ticks.</summary>
    public static int HourOf(long utcTicks) => (int)((utcTicks / TimeSpan.TicksPerHour) % 24);

    public static int Count(this in HourHistogram histogram, int hour)
    {
        var word = hour switch
        {
            < 8 => histogram.Hours0To7,
            < 16 => histogram.Hours8To15,
            _ => histogram.Hours16To23,
        };
        return (int)((word >> ((hour & 7) * 8)) & 0xFF);
    }

    public static int Total(this in HourHistogram histogram) =>
        ByteSum(histogram.Hours0To7) + ByteSum(histogram.Hours8To15) + ByteSum(histogram.Hours16To23);

    /// <summary>Counts one payment in <paramref name="hour"/>; halves every counter first if this one is full.</summary>
    public static void Add(this ref HourHistogram histogram, int hour)
    {
        if (histogram.Count(hour) == 0xFF)
        {
            // Shift every byte right by one; the mask drops the bit that crossed into the byte below.
            const ulong KeepLow7 = 0x7F7F7F7F7F7F7F7F;
            histogram.Hours0To7 = (histogram.Hours0To7 >> 1) & KeepLow7;
            histogram.Hours8To15 = (histogram.Hours8To15 >> 1) & KeepLow7;
            histogram.Hours16To23 = (histogram.Hours16To23 >> 1) & KeepLow7;
        }

        var one = 1UL << ((hour & 7) * 8);
        switch (hour)
        {
            case < 8:
                histogram.Hours0To7 += one;
                break;
            case < 16:
                histogram.Hours8To15 += one;
                break;
            default:
                histogram.Hours16To23 += one;
                break;
        }
    }

    private static int ByteSum(ulong word)
    {
        // Pairwise sums of bytes, then of 16-bit lanes, then of 32-bit halves: no loop.
        var pairs = (word & 0x00FF00FF00FF00FF) + ((word >> 8) & 0x00FF00FF00FF00FF);
        var quads = (pairs & 0x0000FFFF0000FFFF) + ((pairs >> 16) & 0x0000FFFF0000FFFF);
        return (int)((quads & 0xFFFFFFFF) + (quads >> 32));
    }
}
