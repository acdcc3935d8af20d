using Actors.Hosting;

namespace Actors.Client.Tests.Infrastructure;

/// <summary>One embedded silo shared by a test class, so many commands can run against the same state quickly.</summary>
public sealed class EmbeddedClusterFixture : IAsyncLifetime
{
    private ActorsCluster? _cluster;

    public SharedClusterConnector Connector { get; private set; } = null!;

    /// <summary>The shared silo's grains, to look at what commands left behind.</summary>
    public IGrainFactory Grains => _cluster?.Grains ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        _cluster = await ActorsCluster.StartEmbeddedAsync(configureServices: QuietLogging.Configure);
        Connector = new SharedClusterConnector(_cluster);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
