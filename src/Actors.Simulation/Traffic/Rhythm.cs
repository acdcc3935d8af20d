namespace Actors.Simulation.Traffic;

/// <summary>
/// Daily and weekly rhythm of activity in local time: a multiplier with mean 1 over a week, so a
/// user's mean daily event count equals their configured rate. Event times are drawn by thinning a
/// Poisson process at the peak rate (draw at the peak, keep with probability multiplier / peak).
/// </summary>
public static class Rhythm
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;

    // Relative activity per local hour 0-23: quiet nights, a lunch peak and an evening peak.
    private static readonly double[] Hourly = Normalize(
    [
        0.15, 0.08, 0.05, 0.04, 0.05, 0.12, 0.35, 0.70, 1.00, 1.10, 1.20, 1.45,
        1.70, 1.50, 1.20, 1.15, 1.25, 1.45, 1.70, 1.65, 1.35, 1.00, 0.65, 0.35,
    ]);

    // Monday to Sunday: busier towards the weekend, a quiet Sunday.
    private static readonly double[] Weekly = Normalize([0.95, 0.95, 1.00, 1.00, 1.10, 1.15, 0.85]);

    private static readonly double Peak = Hourly.Max() * Weekly.Max();

    /// <summary>The activity multiplier at a local instant (Unix milliseconds shifted to local time).</summary>
    public static double Multiplier(long localMs)
    {
        var days = Math.DivRem(localMs, DayMs, out var inDay);
        if (inDay < 0)
        {
            inDay += DayMs;
            days--;
        }

        // 1970-01-01 was a Thursday (index 3 with Monday = 0).
        var weekday = (int)(((days + 3) % 7 + 7) % 7);
        return Hourly[(int)(inDay / HourMs)] * Weekly[weekday];
    }

    /// <summary>
    /// The next event time after <paramref name="fromMs"/> for a user with <paramref name="perDay"/>
    /// mean events per day, or <see cref="long.MaxValue"/> when it falls at or after <paramref name="endMs"/>.
    /// </summary>
    public static long Next(ref Randomness.Xoshiro256 random, long fromMs, long endMs, double perDay, long localOffsetMs)
    {
        if (perDay <= 0)
        {
            return long.MaxValue;
        }

        var meanGapMs = DayMs / (perDay * Peak);
        var t = fromMs;
        while (true)
        {
            t += 1 + (long)random.Exponential(meanGapMs);
            if (t >= endMs)
            {
                return long.MaxValue;
            }

            if (random.NextDouble() * Peak < Multiplier(t + localOffsetMs))
            {
                return t;
            }
        }
    }

    private static double[] Normalize(double[] weights)
    {
        var mean = weights.Average();
        return weights.Select(w => w / mean).ToArray();
    }
}
