using Actors.Load;
using Actors.LoadTests.Capacity;

namespace Actors.LoadTests.Tests.Capacity;

/// <summary>The capacity model's arithmetic on inputs whose answers were worked out by hand.</summary>
public sealed class CapacityModelTests
{
    // 86.4 M users, half active a day, 20 requests each: 864 M requests a day = 10,000/s on average, 30,000/s at a 3x peak.
    private static readonly CapacityAssumptions Profile = new()
    {
        TotalUsers = 86_400_000,
        DailyActiveShare = 0.5,
        EventsPerActiveUserPerDay = 20,
        PeakFactor = 3,
        ResidentShareOfDailyActive = 1,
        TargetUtilization = 0.5,
        SiloMemoryBytes = 10_000_000_000,
        UsableMemoryShare = 0.6,
    };

    [Fact]
    public void Throughput_binds_when_a_silo_serves_few_requests()
    {
        // 30,000/s peak over 7,000/s x 50 % = 3,500/s planned per silo: 8.57 -> 9 silos.
        // 43.2 M resident users x 1,000 B = 43.2 GB over 10 GB x 60 % = 6 GB per silo: 7.2 -> 8 silos.
        var estimate = CapacityModel.Estimate(Profile, Measured(7_000, 1_000));

        Assert.Equal(10_000, estimate.AverageRequestsPerSecond, 6);
        Assert.Equal(30_000, estimate.PeakRequestsPerSecond, 6);
        Assert.Equal(43_200_000, estimate.ResidentUsers, 6);
        Assert.Equal(9, estimate.SilosForThroughput);
        Assert.Equal(8, estimate.SilosForMemory);
        Assert.Equal(9, estimate.Silos);
        Assert.Equal("throughput", estimate.BindingConstraint);
    }

    [Fact]
    public void Memory_binds_when_users_are_large()
    {
        // Throughput: 30,000 / (70,000 x 50 %) = 0.86 -> 1 silo. Memory: 43.2 M x 2,600 B = 112.3 GB over 6 GB: 18.7 -> 19 silos.
        var estimate = CapacityModel.Estimate(Profile, Measured(70_000, 2_600));

        Assert.Equal(1, estimate.SilosForThroughput);
        Assert.Equal(19, estimate.SilosForMemory);
        Assert.Equal(19, estimate.Silos);
        Assert.Equal("memory", estimate.BindingConstraint);
    }

    [Fact]
    public void Only_the_resident_share_of_daily_actives_costs_memory()
    {
        // A quarter of 43.2 M resident = 10.8 M x 2,500 B = 27 GB over 6 GB: 4.5 -> 5 silos.
        var estimate = CapacityModel.Estimate(Profile with { ResidentShareOfDailyActive = 0.25 }, Measured(70_000, 2_500));

        Assert.Equal(10_800_000, estimate.ResidentUsers, 6);
        Assert.Equal(5, estimate.SilosForMemory);
    }

    [Fact]
    public void A_tiny_population_still_needs_one_silo()
    {
        var estimate = CapacityModel.Estimate(Profile with { TotalUsers = 10 }, Measured(100_000, 8_192));

        Assert.Equal((1L, 1L), (estimate.SilosForThroughput, estimate.SilosForMemory));
    }

    [Fact]
    public void Describe_prints_the_assumptions_with_the_result()
    {
        var text = CapacityModel.Estimate(Profile, Measured(7_000, 1_000)).Describe();

        Assert.Contains("Assumptions:", text, StringComparison.Ordinal);
        Assert.Contains("86,400,000 users", text, StringComparison.Ordinal);
        Assert.Contains("7,000 requests/s (rate source)", text, StringComparison.Ordinal);
        Assert.Contains("1,000 bytes (memory source)", text, StringComparison.Ordinal);
        Assert.Contains("silos needed                  9 of this machine's size (bound by throughput)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_nodes_follow_the_peak_write_rate_or_every_users_stored_state_whichever_needs_more()
    {
        // Writes: 30,000/s peak x 2 writes = 60,000/s over 10,000/s x 60 % = 6,000/s a node: 10 nodes.
        // Data: 86.4 M users (all of them, active or not) x 5,000 B = 432 GB over 10 GB x 60 % = 6 GB a node: 72 nodes.
        var estimate = CapacityModel.Estimate(Profile with { StoreNodeBytes = 10_000_000_000 }, Measured(7_000, 1_000) with
        {
            WritesPerRequest = 2, StoreWritesPerSecondPerNode = 10_000, StoreBytesPerUser = 5_000,
        });

        Assert.Equal(60_000, estimate.StoreWritesAtPeak, 6);
        Assert.Equal(10, estimate.StoreNodesForWrites);
        Assert.Equal(72, estimate.StoreNodesForData);
        Assert.Equal(72, estimate.StoreNodes);
        Assert.Equal("stored data", estimate.StoreBindingConstraint);
        Assert.Contains("store nodes needed            72 (bound by stored data)", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_whose_write_rate_was_not_measured_is_sized_by_its_data_only_and_says_so()
    {
        var estimate = CapacityModel.Estimate(Profile, Measured(7_000, 1_000) with { WritesPerRequest = 2, StoreBytesPerUser = 0 });

        Assert.Null(estimate.StoreNodesForWrites);
        Assert.Null(estimate.StoreNodes);
        Assert.Contains("store nodes for writes        not sized", estimate.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_load_profile_fills_the_assumptions_no_flag_gave()
    {
        // One day, two users: 4 requests, 2 a day each, a 72x peak quarter hour, both resident at once at a 10 min age.
        var profile = ResidentSet.Measure(
            [new UserActivity(0, 20 * 60_000), new UserActivity(1, 22 * 60_000), new UserActivity(0, 25 * 60_000), new UserActivity(0, 40 * 60_000)],
            2, 0, 86_400_000, [TimeSpan.FromMinutes(10)], TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), "hand-made traffic");
        var tenMinutes = Profile with { CollectionAge = TimeSpan.FromMinutes(10) };

        var measured = tenMinutes.From(profile, givenEvents: null, givenPeak: null, givenResident: null);
        var given = tenMinutes.From(profile, givenEvents: 20, givenPeak: 3, givenResident: 0.25);

        Assert.Equal((2.0, 72.0, 1.0), (measured.EventsPerActiveUserPerDay, measured.PeakFactor, measured.ResidentShareOfDailyActive));
        Assert.Contains("hand-made traffic", measured.EventsSource, StringComparison.Ordinal);
        Assert.Contains("10 min", measured.ResidentSource, StringComparison.Ordinal);
        Assert.Equal((20.0, 3.0, 0.25), (given.EventsPerActiveUserPerDay, given.PeakFactor, given.ResidentShareOfDailyActive));
        Assert.Equal(["given", "given", "given"], [given.EventsSource, given.PeakSource, given.ResidentSource]);
    }

    [Fact]
    public void Sensitivity_moves_one_assumption_at_a_time_and_marks_the_base()
    {
        var profile = ResidentSet.Measure([new UserActivity(0, 60_000)], 1, 0, 86_400_000,
            [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15)], TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), "one request");

        var rows = CapacityModel.Sensitivity(Profile with { CollectionAge = TimeSpan.FromMinutes(15) }, Measured(7_000, 1_000), profile);

        Assert.Equal(
            ["daily active share", "events per active user a day", "peak factor", "collection age"],
            rows.Select(r => r.Assumption).Distinct());
        Assert.All(rows.GroupBy(r => r.Assumption), g => Assert.Single(g, r => r.IsBase));
        // Everyone active: 60,000/s peak over 3,500/s = 17.1 -> 18 silos; 86.4 M resident x 1,000 B over 6 GB: 15.
        var everyone = Assert.Single(rows, r => r.Assumption == "daily active share" && r.Value == "100 %");
        Assert.Equal((18L, 15L, 18L, "throughput"), (everyone.SilosForThroughput, everyone.SilosForMemory, everyone.Silos, everyone.Binding));
        // The base row is the estimate itself.
        var estimate = CapacityModel.Estimate(Profile, Measured(7_000, 1_000));
        Assert.Equal(estimate.Silos, Assert.Single(rows, r => r.Assumption == "peak factor" && r.IsBase).Silos);
        Assert.Contains("*50 %", CapacityModel.DescribeSensitivity(rows), StringComparison.Ordinal);
    }

    public static TheoryData<string, CapacityAssumptions> BadAssumptions => new()
    {
        { nameof(CapacityAssumptions.TotalUsers), Profile with { TotalUsers = 0 } },
        { nameof(CapacityAssumptions.DailyActiveShare), Profile with { DailyActiveShare = 1.5 } },
        { nameof(CapacityAssumptions.DailyActiveShare), Profile with { DailyActiveShare = 0 } },
        { nameof(CapacityAssumptions.EventsPerActiveUserPerDay), Profile with { EventsPerActiveUserPerDay = -1 } },
        { nameof(CapacityAssumptions.PeakFactor), Profile with { PeakFactor = 0.5 } },
        { nameof(CapacityAssumptions.ResidentShareOfDailyActive), Profile with { ResidentShareOfDailyActive = 2 } },
        { nameof(CapacityAssumptions.TargetUtilization), Profile with { TargetUtilization = 0 } },
        { nameof(CapacityAssumptions.SiloMemoryBytes), Profile with { SiloMemoryBytes = -1 } },
        { nameof(CapacityAssumptions.UsableMemoryShare), Profile with { UsableMemoryShare = 1.01 } },
        { nameof(CapacityAssumptions.CollectionAge), Profile with { CollectionAge = TimeSpan.Zero } },
        { nameof(CapacityAssumptions.StoreNodeBytes), Profile with { StoreNodeBytes = 0 } },
        { nameof(CapacityAssumptions.StoreUsableShare), Profile with { StoreUsableShare = 0 } },
    };

    [Theory]
    [MemberData(nameof(BadAssumptions))]
    public void Bad_assumption_is_rejected_with_its_name(string name, CapacityAssumptions assumptions)
    {
        var error = Assert.Throws<LoadConfigurationException>(() => CapacityModel.Estimate(assumptions, Measured(7_000, 1_000)));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1_000, "capacity per silo")]
    [InlineData(-5, 1_000, "capacity per silo")]
    [InlineData(7_000, 0, "memory per user")]
    public void Non_positive_measurement_is_rejected(double rate, double bytes, string named)
    {
        var error = Assert.Throws<LoadConfigurationException>(() => CapacityModel.Estimate(Profile, Measured(rate, bytes)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static CapacityMeasurements Measured(double rate, double bytes) => new(rate, bytes, "rate source", "memory source");
}
