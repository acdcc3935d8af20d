using Orleans.TestingHost;

namespace Actors.Insights.Tests.Cluster;

/// <summary>
/// One in-process single-silo cluster for every insights grain test (starting one takes seconds).
/// Tests run one after another and each uses its own regions, so their figures never mix.
/// </summary>
public sealed class InsightsClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public IGrainFactory Grains => Cluster.GrainFactory;

    public IMerchantInsightsCollector Collector => Grains.GetGrain<IMerchantInsightsCollector>(0);

    public IMerchantInsightsGrain Region(string region) => Grains.GetGrain<IMerchantInsightsGrain>(region);

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1) { PortAllocator = new Actors.Tests.Cluster.FreePortAllocator() };
        builder.AddSiloBuilderConfigurator<InsightsSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InsightsClusterCollection : ICollectionFixture<InsightsClusterFixture>
{
    public const string Name = "insights cluster";
}
