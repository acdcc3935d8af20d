using Actors.Domain.Fraud;

namespace Actors.Fraud.Tests.State;

public sealed class WindowTests
{
    private static readonly long Minute = TimeSpan.TicksPerMinute;
    private static readonly long Base = new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    [Fact]
    public void Sliding_count_forgets_events_older_than_two_windows()
    {
        var window = default(SlidingCount);
        for (var i = 0; i < 5; i++)
        {
            window.Add(Base + (i * Minute / 10), Minute);
        }

        Assert.Equal(5, window.Estimate(Base + (Minute / 2), Minute));
        Assert.Equal(0, window.Estimate(Base + (3 * Minute), Minute));
    }

    [Fact]
    public void Sliding_count_weighs_the_previous_bucket_by_its_overlap()
    {
        var window = default(SlidingCount);
        for (var i = 0; i < 8; i++)
        {
            window.Add(Base + 1, Minute);
        }

        // A quarter into the next bucket, three quarters of the previous one still overlap.
        Assert.Equal(6, window.Estimate(Base + Minute + (Minute / 4), Minute));
    }

    [Fact]
    public void Sliding_total_sums_amounts_without_overflow()
    {
        var window = default(SlidingTotal);
        window.Add(Base, Minute, long.MaxValue);
        window.Add(Base, Minute, long.MaxValue);

        Assert.Equal(SlidingWindows.MaxTrackedMinor, window.EstimateMinor(Base, Minute));
        Assert.Equal(2, window.Count.Current);
    }

    [Fact]
    public void Hour_histogram_halves_when_a_counter_saturates_and_keeps_its_shape()
    {
        var histogram = default(HourHistogram);
        for (var i = 0; i < 300; i++)
        {
            histogram.Add(10);
            if (i % 3 == 0)
            {
                histogram.Add(20);
            }
        }

        Assert.InRange(histogram.Count(10), 128, 255);
        Assert.InRange(histogram.Count(20), 40, 100);
        Assert.Equal(0, histogram.Count(3));
        Assert.Equal(histogram.Count(10) + histogram.Count(20), histogram.Total());
    }

    [Fact]
    public void Merchant_sketch_never_forgets_a_merchant_before_it_fills()
    {
        var sketch = default(MerchantSketch);
        var merchants = Enumerable.Range(0, 30).Select(i => MerchantSketches.HashOf("M-" + i)).ToArray();
        foreach (var hash in merchants)
        {
            sketch.Add(hash);
        }

        Assert.All(merchants, h => Assert.True(sketch.Contains(h)));
        var falsePositives = Enumerable.Range(1000, 1000).Count(i => sketch.Contains(MerchantSketches.HashOf("M-" + i)));
        Assert.True(falsePositives < 60, $"{falsePositives} of 1000 unseen merchants looked seen");
    }

    [Fact]
    public void Merchant_sketch_clears_itself_instead_of_saturating()
    {
        var sketch = default(MerchantSketch);
        for (var i = 0; i < 10_000; i++)
        {
            sketch.Add(MerchantSketches.HashOf("M-" + i));
        }

        Assert.InRange(sketch.SetBits(), 1, MerchantSketches.MaxSetBits + 3);
    }

    [Fact]
    public void Running_statistics_match_the_exact_mean_and_variance()
    {
        var statistics = default(RunningStatistics);
        double[] values = [1, 2, 3, 4, 10];
        for (var i = 0; i < values.Length; i++)
        {
            statistics.Add(values[i], i + 1);
        }

        Assert.Equal(4.0, statistics.Mean, 9);
        Assert.Equal(10.0, statistics.Variance, 9);
    }
}
