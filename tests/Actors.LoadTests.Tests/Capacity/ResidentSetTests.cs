using Actors.Load;
using Actors.LoadTests.Capacity;
using Actors.Simulation.Options;
using Actors.Simulation.Population;

namespace Actors.LoadTests.Tests.Capacity;

/// <summary>The resident set and load profile of a population's traffic, on cases worked out by hand and on simulated traffic.</summary>
public sealed class ResidentSetTests
{
    private const long Minute = 60_000;
    private const long Day = 86_400_000;
    private static readonly TimeSpan Quantum = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(0, 5, 5)]          // due on a quantum boundary: collected then
    [InlineData(0.5, 5, 6)]        // due mid-quantum: collected at the next boundary
    [InlineData(4.99, 1, 6)]
    [InlineData(10, 60, 70)]
    public void An_activation_is_collected_at_the_quantum_boundary_after_its_age(double lastUseMinutes, int ageMinutes, int collectedMinutes)
    {
        var at = ResidentSet.CollectedAtMs((long)(lastUseMinutes * Minute), ageMinutes * Minute, Minute);

        Assert.Equal(collectedMinutes * Minute, at);
    }

    [Fact]
    public void Peak_and_mean_resident_users_follow_each_users_last_request()
    {
        // Age 10 min: user 0 resident 20-35 min (its request at 25 extends the first interval) and 40-50; user 1 22-32.
        // Both from 22 to 32: peak 2. Measured from 11 min (age + quantum) to the end of the day: 35 user-minutes.
        UserActivity[] activity = [new(0, 20 * Minute), new(1, 22 * Minute), new(0, 25 * Minute), new(0, 40 * Minute)];

        var profile = ResidentSet.Measure(activity, 2, 0, Day, [TimeSpan.FromMinutes(10)], Quantum, Quarter, "hand");

        var resident = Assert.Single(profile.Resident);
        Assert.Equal(2, resident.PeakResidentUsers);
        Assert.Equal(35.0 / (1440 - 11), resident.MeanResidentUsers, 9);
        Assert.Equal(2, profile.DailyActiveUsers);
        Assert.Equal(1, resident.PeakShareOfDailyActive);
        Assert.Equal(4, profile.Requests);
        Assert.Equal(2, profile.EventsPerActiveUserPerDay);
        // 96 quarter hours hold 4 requests; the busiest (15-30 min) holds 3: 3 / (4 / 96) = 72.
        Assert.Equal(72, profile.PeakFactor, 9);
    }

    [Fact]
    public void A_request_at_the_instant_of_collection_starts_a_new_residency_and_does_not_count_twice()
    {
        // Collected at 30 min, back at 30 min: resident 20-30 and 30-40, never two at once.
        UserActivity[] activity = [new(0, 20 * Minute), new(0, 30 * Minute)];

        var resident = ResidentSet.Measure(activity, 1, 0, Day, [TimeSpan.FromMinutes(10)], Quantum, Quarter, "hand").Resident[0];

        Assert.Equal(1, resident.PeakResidentUsers);
        Assert.Equal(20.0 / (1440 - 11), resident.MeanResidentUsers, 9);
    }

    [Fact]
    public void Activity_from_someone_elses_request_keeps_a_user_resident_but_is_not_a_request()
    {
        // User 1 receives a transfer at 20 min: resident with user 0, one request in all.
        UserActivity[] activity = [new(0, 20 * Minute), new(1, 20 * Minute, IsRequest: false)];

        var profile = ResidentSet.Measure(activity, 2, 0, Day, [TimeSpan.FromMinutes(10)], Quantum, Quarter, "hand");

        Assert.Equal(2, profile.Resident[0].PeakResidentUsers);
        Assert.Equal(1, profile.Requests);
        Assert.Equal(2, profile.DailyActiveUsers);
        Assert.Equal(0.5, profile.EventsPerActiveUserPerDay, 9);
    }

    [Fact]
    public void Nobody_counts_before_the_window_in_which_a_start_up_could_still_be_resident()
    {
        // The window opens at 11 min (age 10 + quantum 1). A request at 2 min is collected at 12 min, so it counts from
        // 11 to 12 min; one at 0 min, collected at 10 min, does not count at all.
        UserActivity[] activity = [new(0, 0), new(1, 2 * Minute)];

        var resident = ResidentSet.Measure(activity, 2, 0, Day, [TimeSpan.FromMinutes(10)], Quantum, Quarter, "hand").Resident[0];

        Assert.Equal(1, resident.PeakResidentUsers);
        Assert.Equal(1.0 / (1440 - 11), resident.MeanResidentUsers, 9);
    }

    [Fact]
    public void Simulated_traffic_gives_the_resident_set_a_brute_force_count_gives()
    {
        var world = WorldBuilder.Build(new SimulationOptions { Users = 300, Days = 2, Seed = 7 });
        var activity = SimulatedActivity.Requests(world);
        TimeSpan[] ages = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

        var profile = ResidentSet.Measure(activity, world.UserCount, world.Options.StartMs, world.Options.EndMs, ages, Quantum, Quarter, "simulated");

        var from = world.Options.StartMs + (long)(ages.Max() + Quantum).TotalMilliseconds;
        foreach (var resident in profile.Resident)
        {
            Assert.Equal(BruteForcePeak(activity, from, world.Options.EndMs, (long)resident.CollectionAge.TotalMilliseconds), resident.PeakResidentUsers);
            Assert.InRange(resident.MeanResidentUsers, 1, resident.PeakResidentUsers);
        }

        // A longer collection age keeps more users resident; no more than the whole population.
        Assert.True(profile.Resident.Zip(profile.Resident.Skip(1)).All(p => p.First.PeakResidentUsers <= p.Second.PeakResidentUsers));
        Assert.InRange(profile.Resident[^1].PeakResidentUsers, 1, world.UserCount);
        Assert.InRange(profile.DailyActiveShare, 0.5, 1);
        Assert.True(profile.PeakFactor > 1, $"peak factor {profile.PeakFactor}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_profile()
    {
        var options = new SimulationOptions { Users = 200, Days = 1, Seed = 11 };

        var first = SimulatedActivity.Profile(options, ResidentSet.SweptAges, Quantum, Quarter);
        var second = SimulatedActivity.Profile(options, ResidentSet.SweptAges, Quantum, Quarter);

        Assert.Equal(first.Resident, second.Resident);
        Assert.Equal((first.Requests, first.PeakFactor, first.DailyActiveUsers), (second.Requests, second.PeakFactor, second.DailyActiveUsers));
    }

    [Fact]
    public void Less_than_a_day_of_traffic_is_refused()
    {
        var error = Assert.Throws<LoadConfigurationException>(() =>
            ResidentSet.Measure([new UserActivity(0, 0)], 1, 0, Day - 1, [Quarter], Quantum, Quarter, "short"));

        Assert.Contains("at least one whole day", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Activity_out_of_time_order_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ResidentSet.Measure([new UserActivity(0, 5 * Minute), new UserActivity(0, Minute)], 1, 0, Day, [Quarter], Quantum, Quarter, "unordered"));

        Assert.Contains("time order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_names_a_collection_age_it_was_not_measured_for()
    {
        var profile = ResidentSet.Measure([new UserActivity(0, Minute)], 1, 0, Day, [Quarter], Quantum, Quarter, "one");

        var error = Assert.Throws<ArgumentException>(() => profile.At(TimeSpan.FromMinutes(7)));

        Assert.Contains("7 min", error.Message, StringComparison.Ordinal);
    }

    // At every instant a user becomes resident (where a peak can start), count the users with a request that recent.
    private static int BruteForcePeak(List<UserActivity> activity, long fromMs, long endMs, long ageMs)
    {
        var instants = activity.Select(a => a.TimeMs).Where(t => t >= fromMs && t < endMs).Append(fromMs).Distinct();
        return instants.Max(t => activity
            .Where(a => a.TimeMs <= t && ResidentSet.CollectedAtMs(a.TimeMs, ageMs, Minute) > t)
            .Select(a => a.User).Distinct().Count());
    }
}
