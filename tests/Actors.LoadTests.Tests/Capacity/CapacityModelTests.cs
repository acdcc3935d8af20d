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
