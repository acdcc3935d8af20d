using Actors.Load.Simulations;

namespace Actors.Load.Tests;

/// <summary>The intended load profile, checked exactly from the pure schedules (no clock involved).</summary>
public sealed class ScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static int[] PerSecond(IEnumerable<TimeSpan> arrivals, int seconds)
    {
        var counts = new int[seconds];
        foreach (var a in arrivals)
        {
            counts[(int)a.TotalSeconds]++;
        }

        return counts;
    }

    [Fact]
    public void Inject_spreads_rate_per_interval_evenly_over_the_duration()
    {
        var arrivals = InjectionSchedule.Arrivals(Simulation.Inject(100, Second, TimeSpan.FromSeconds(3)), 0, new Random(1)).ToList();

        Assert.Equal(300, arrivals.Count);
        Assert.Equal([100, 100, 100], PerSecond(arrivals, 3));
        Assert.All(arrivals.Zip(arrivals.Skip(1)), p => Assert.Equal(TimeSpan.FromMilliseconds(10), p.Second - p.First));
    }

    [Fact]
    public void RampingInject_rises_linearly_from_the_previous_rate()
    {
        var arrivals = InjectionSchedule.Arrivals(Simulation.RampingInject(100, Second, TimeSpan.FromSeconds(4)), 0, new Random(1)).ToList();
        var perSecond = PerSecond(arrivals, 4);

        Assert.Equal(200, arrivals.Count); // average rate 50/s over 4 s
        Assert.Equal([12, 38, 62, 88], perSecond.Select(c => (int)Math.Round(c / 1.0)).ToArray(), new ToleranceComparer(1));
        Assert.True(arrivals.SequenceEqual(arrivals.Order()));
    }

    [Fact]
    public void RampingInject_down_continues_from_the_previous_segment_rate()
    {
        var arrivals = InjectionSchedule.Arrivals(Simulation.RampingInject(0, Second, TimeSpan.FromSeconds(2)), 100, new Random(1)).ToList();
        var perSecond = PerSecond(arrivals, 2);

        Assert.Equal(100, arrivals.Count);
        Assert.InRange(perSecond[0], 74, 76);
        Assert.InRange(perSecond[1], 24, 26);
    }

    [Fact]
    public void InjectRandom_keeps_every_interval_within_min_and_max_and_is_seeded()
    {
        var simulation = Simulation.InjectRandom(10, 50, Second, TimeSpan.FromSeconds(20));
        var first = PerSecond(InjectionSchedule.Arrivals(simulation, 0, new Random(7)), 20);
        var again = PerSecond(InjectionSchedule.Arrivals(simulation, 0, new Random(7)), 20);

        Assert.All(first, c => Assert.InRange(c, 10, 50));
        Assert.Equal(first, again);
        Assert.True(first.Distinct().Count() > 3, "rates should vary between intervals");
    }

    [Fact]
    public void IterationsForInject_schedules_exactly_the_iterations_at_the_rate()
    {
        var arrivals = InjectionSchedule.Arrivals(Simulation.IterationsForInject(50, Second, 120), 0, new Random(1)).ToList();

        Assert.Equal(120, arrivals.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(20), arrivals[1] - arrivals[0]);
    }

    [Fact]
    public void RampingConstant_copies_move_linearly_between_segments()
    {
        var ramp = Simulation.RampingConstant(10, TimeSpan.FromSeconds(10));

        Assert.Equal(0, CopiesSchedule.CopiesAt(ramp, 0, TimeSpan.Zero));
        Assert.Equal(5, CopiesSchedule.CopiesAt(ramp, 0, TimeSpan.FromSeconds(5)));
        Assert.Equal(10, CopiesSchedule.CopiesAt(ramp, 0, TimeSpan.FromSeconds(10)));
        Assert.Equal(15, CopiesSchedule.CopiesAt(ramp, 20, TimeSpan.FromSeconds(5)));
        Assert.Equal(10, CopiesSchedule.EndCopies(ramp));
    }

    private sealed class ToleranceComparer(int tolerance) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(int obj) => 0;
    }
}
