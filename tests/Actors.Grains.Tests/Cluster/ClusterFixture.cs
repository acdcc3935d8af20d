using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Actors.Tests.Cluster;

/// <summary>
/// One in-process single-silo cluster shared by every grain test class (starting one takes seconds).
/// Tests in the collection run one after another; each uses its own ids, and moves the shared clock
/// only forward, relative to its current reading.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The clock our grains read, as registered in the silo.</summary>
    public FakeTimeProvider Time { get; private set; } = null!;

    /// <summary>Every notification the silo's user grains received, and whether they accepted it.</summary>
    public NotificationRecorder Notifications { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1) { PortAllocator = new FreePortAllocator() };
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();

        var primary = _cluster.Primary ?? throw new InvalidOperationException("The test cluster started without a primary silo.");
        var silo = _cluster.GetSiloServiceProvider(primary.SiloAddress);
        Time = (FakeTimeProvider)silo.GetRequiredService<TimeProvider>();
        Notifications = silo.GetRequiredService<NotificationRecorder>();
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
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
