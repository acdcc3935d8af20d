using Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.LoadTests.Tests.Support;

/// <summary>
/// One embedded silo for every test that needs a cluster: starting a silo costs seconds, and the
/// load-test population (lt-u0..) is created once and then reused, as the command line does.
/// </summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime
{
    private ActorsCluster? _cluster;

    public IGrainFactory Grains => Cluster.Grains;

    public ActorsCluster Cluster => _cluster ?? throw new InvalidOperationException("The embedded silo has not started.");

    public async Task InitializeAsync() =>
        _cluster = await ActorsCluster.StartEmbeddedAsync(configureServices: services =>
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Error));

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The tests that share <see cref="EmbeddedSiloFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedSiloCollection : ICollectionFixture<EmbeddedSiloFixture>
{
    public const string Name = "embedded silo";
}
