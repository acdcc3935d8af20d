namespace Actors.Load.Simulations;

/// <summary>
/// The intended start times of an open-model segment, as offsets from the segment's start. Pure and deterministic
/// (InjectRandom takes its seed from the caller), so tests check the load profile without any clock.
/// NBomber starts each interval's batch at once; here the batch is spread evenly across its interval, which loads
/// the target smoothly and gives every request a well-defined intended start for latency measurement.
/// </summary>
public static class InjectionSchedule
{
    /// <summary>The rate (per interval) a segment ends at; the next ramp starts from it.</summary>
    public static double EndRate(LoadSimulation simulation, double previousRate) => simulation switch
    {
        InjectSimulation s => s.Rate,
        RampingInjectSimulation s => s.Rate,
        InjectRandomSimulation s => (s.MinRate + s.MaxRate) / 2.0,
        IterationsForInjectSimulation s => s.Rate,
        _ => 0,
    };

    /// <summary>Offsets from the segment start at which invocations should start, in increasing order.</summary>
    public static IEnumerable<TimeSpan> Arrivals(LoadSimulation simulation, double previousRate, Random random) =>
        simulation switch
        {
            InjectSimulation s => Uniform(s.Rate, s.Interval, (long)Math.Floor((double)s.Rate * s.Duration.Ticks / s.Interval.Ticks)),
            IterationsForInjectSimulation s => Uniform(s.Rate, s.Interval, s.Iterations),
            RampingInjectSimulation s => Ramp(previousRate, s.Rate, s.Interval, s.Duration),
            InjectRandomSimulation s => RandomRates(s, random),
            _ => throw new ArgumentException($"{simulation.Kind} is not an open-model simulation.", nameof(simulation)),
        };

    private static IEnumerable<TimeSpan> Uniform(int rate, TimeSpan interval, long count)
    {
        var period = (double)interval.Ticks / rate;
        for (long k = 0; k < count; k++)
        {
            yield return TimeSpan.FromTicks((long)(k * period));
        }
    }

    // Arrivals of a linearly changing rate: the k-th arrival is where the cumulative count
    // N(t) = (r0·t + (r1 - r0)·t² / 2D) / I reaches k, solved exactly with the quadratic formula.
    private static IEnumerable<TimeSpan> Ramp(double r0, double r1, TimeSpan interval, TimeSpan during)
    {
        double d = during.Ticks;
        double i = interval.Ticks;
        var total = (long)Math.Floor((r0 + r1) / 2 * d / i + 1e-9);
        var a = (r1 - r0) / (2 * d);
        for (long k = 0; k < total; k++)
        {
            var target = k * i;
            var t = Math.Abs(a) < 1e-18 ? target / r0 : (-r0 + Math.Sqrt(r0 * r0 + 4 * a * target)) / (2 * a);
            yield return TimeSpan.FromTicks((long)Math.Clamp(t, 0, d - 1));
        }
    }

    private static IEnumerable<TimeSpan> RandomRates(InjectRandomSimulation s, Random random)
    {
        for (long start = 0; start < s.Duration.Ticks; start += s.Interval.Ticks)
        {
            var rate = random.Next(s.MinRate, s.MaxRate + 1);
            var length = Math.Min(s.Interval.Ticks, s.Duration.Ticks - start);
            var count = (long)Math.Floor((double)rate * length / s.Interval.Ticks);
            var period = (double)s.Interval.Ticks / Math.Max(rate, 1);
            for (long k = 0; k < count; k++)
            {
                yield return TimeSpan.FromTicks(start + (long)(k * period));
            }
        }
    }
}
