using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>
/// Welford's running mean and variance over <see cref="RunningStatistics"/>, written with the population
/// variance so that capping the count turns it into an exponentially weighted mean and variance:
/// with n observations, mean += (x - mean) / n and variance += ((x - old mean)(x - new mean) - variance) / n.
/// </summary>
public static class AmountStatistics
{
    /// <summary>Learns <paramref name="value"/> as the <paramref name="count"/>-th observation (capped by the caller).</summary>
    public static void Add(this ref RunningStatistics statistics, double value, int count)
    {
        var n = Math.Max(1, count);
        var delta = value - statistics.Mean;
        statistics.Mean += delta / n;
        statistics.Variance += ((delta * (value - statistics.Mean)) - statistics.Variance) / n;
    }

    /// <summary>How many standard deviations (floored at <paramref name="minimumDeviation"/>) the value lies above the mean.</summary>
    public static double ZScore(this in RunningStatistics statistics, double value, double minimumDeviation) =>
        (value - statistics.Mean) / Math.Max(Math.Sqrt(Math.Max(0, statistics.Variance)), minimumDeviation);
}
