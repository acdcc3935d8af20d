using HdrHistogram;
using HdrHistogram.Utilities;

namespace Actors.Load.Statistics;

/// <summary>
/// The one histogram shape every latency uses (microseconds, 1 µs .. 1 h, 3 significant digits), so histograms
/// from any run or agent add together exactly; plus the base64 form used in raw files.
/// </summary>
public static class LatencyHistogram
{
    /// <summary>Highest latency tracked, in microseconds (1 hour); larger values are clamped to it.</summary>
    public const long HighestTrackableMicroseconds = 3_600_000_000;

    public const int SignificantDigits = 3;

    public static HistogramBase Create() => new LongHistogram(1, HighestTrackableMicroseconds, SignificantDigits);

    /// <summary>
    /// A thread-safe recorder whose interval histograms have the same shape as <see cref="Create"/>. Many
    /// copies record at once, so its histograms must be the concurrent kind: the recorder only keeps the
    /// reader apart from the writers, and a plain LongHistogram lost increments between writers.
    /// </summary>
    public static Recorder CreateRecorder() =>
        new(1, HighestTrackableMicroseconds, SignificantDigits,
            (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));

    public static long Clamp(long microseconds) => Math.Clamp(microseconds, 0, HighestTrackableMicroseconds);

    /// <summary>
    /// A copy of <paramref name="histogram"/> as narrow as its values allow (32-bit counts, range up to its highest
    /// value), for the histograms a run keeps per reporting interval: the standard shape's 23,552 64-bit counts are
    /// 188 KB, on the large-object heap, which for five histograms a step and interval meant megabytes of large-object
    /// garbage a minute (collected only by gen2 collections) and gigabytes kept in a long run. The copy holds the same
    /// values; sums and merges add it into the standard shape.
    /// </summary>
    public static HistogramBase Compact(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var highest = histogram.TotalCount == 0 ? 2 : Math.Max(2, histogram.NextNonEquivalentValue(histogram.GetMaxValue()));
        var compact = new IntHistogram(1, Math.Min(highest, HighestTrackableMicroseconds), SignificantDigits);
        // Add() refuses a source of wider range; bucket by bucket, at the same precision, the copy is exact.
        foreach (var bucket in histogram.RecordedValues())
        {
            compact.RecordValueWithCount(bucket.ValueIteratedTo, bucket.CountAtValueIteratedTo);
        }

        return compact;
    }

    /// <summary>HdrHistogram's compressed V2 encoding, base64: the portable, lossless form in raw files.</summary>
    public static string ToBase64(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes <see cref="ToBase64"/>; a corrupt value throws <see cref="FormatException"/>.</summary>
    public static HistogramBase FromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        try
        {
            var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(
                ByteBuffer.Allocate(Convert.FromBase64String(base64)), HighestTrackableMicroseconds);
            // Normalise to the standard shape so that Add() never meets a narrower histogram.
            var histogram = Create();
            histogram.Add(decoded);
            return histogram;
        }
        catch (Exception ex) when (ex is not FormatException)
        {
            throw new FormatException($"Not a valid encoded HdrHistogram: {ex.Message}", ex);
        }
    }

    /// <summary>Sum of several histograms as a new standard-shape histogram.</summary>
    public static HistogramBase Sum(IEnumerable<HistogramBase> histograms)
    {
        var sum = Create();
        foreach (var histogram in histograms)
        {
            sum.Add(histogram);
        }

        return sum;
    }
}
