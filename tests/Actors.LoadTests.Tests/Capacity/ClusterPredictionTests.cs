using Actors.Load;
using Actors.LoadTests.Capacity;

namespace Actors.LoadTests.Tests.Capacity;

/// <summary>The N-silo prediction from one silo process, on figures worked out by hand.</summary>
public sealed class ClusterPredictionTests
{
    // One silo: 10,000/s at 1.6 cores = 160 CPU-us a request. Two silos: half the requests cross, each 25 % dearer:
    // 180 CPU-us a request.
    private static readonly ClusterPrediction TwoSilos = ClusterPrediction.Predict(2, 10_000, 1.6, 2, 0.25);

    [Fact]
    public void On_a_shared_machine_the_cores_bind()
    {
        Assert.Equal(160e-6, TwoSilos.CpuSecondsPerRequest, 12);
        Assert.Equal(0.5, TwoSilos.CrossSiloShare, 12);
        Assert.Equal(180e-6, TwoSilos.CpuSecondsPerRequestInCluster, 12);
        Assert.Equal(2 / 180e-6, TwoSilos.OnThisMachine, 6); // 11,111/s, not 20,000/s
    }

    [Fact]
    public void On_separate_machines_each_silo_adds_its_rate_less_the_cross_silo_calls()
    {
        Assert.Equal(20_000 / 1.125, TwoSilos.OnSeparateMachines, 6);
    }

    [Fact]
    public void A_measured_cluster_says_which_cross_silo_cost_would_have_predicted_it()
    {
        // 10,000/s measured: 2 cores / (160 us x 10,000) = 1.25 = 1 + x / 2, so x = 0.5.
        Assert.Equal(0.5, TwoSilos.ImpliedCrossSiloCost(10_000)!.Value, 9);
        Assert.Null(TwoSilos.ImpliedCrossSiloCost(20_000)); // the cores did not bind
        var text = TwoSilos.Describe(10_000, "2 silo processes");
        Assert.Contains("prediction error              +11.1% of the measured rate", text, StringComparison.Ordinal);
        Assert.Contains("implies: 50 %", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 10_000, 1.6, 0.25)]
    [InlineData(2, 0, 1.6, 0.25)]
    [InlineData(2, 10_000, 0, 0.25)]
    [InlineData(2, 10_000, 1.6, -0.1)]
    public void Bad_inputs_are_refused(int silos, double rate, double cores, double cost)
    {
        var error = Assert.Throws<LoadConfigurationException>(() => ClusterPrediction.Predict(silos, rate, cores, 2, cost));

        Assert.Contains("cluster prediction", error.Message, StringComparison.Ordinal);
    }
}
