using Actors.Client.Infrastructure;
using Actors.Hosting;

namespace Actors.Client.Tests.Infrastructure;

/// <summary>Fails the test if a command tries to reach a cluster: proves that bad input is refused before anything is sent.</summary>
public sealed class NoClusterConnector : IClusterConnector
{
    public int Attempts { get; private set; }

    public Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        Attempts++;
        throw new InvalidOperationException("The command connected to a cluster although its input was invalid.");
    }
}

/// <summary>Lends a cluster the test owns to each command, without stopping it when the command ends.</summary>
public sealed class SharedClusterConnector(ActorsCluster cluster) : IClusterConnector
{
    public Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult<IClusterSession>(new BorrowedSession(cluster));

    private sealed class BorrowedSession(ActorsCluster cluster) : IClusterSession
    {
        public IGrainFactory Grains => cluster.Grains;

        public string Description => cluster.Description;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Starts an embedded silo with extra configuration for one command, e.g. a deliberately tiny idempotency window.</summary>
public sealed class ConfiguredEmbeddedConnector(IDictionary<string, string?> siloSettings) : IClusterConnector
{
    public async Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken) =>
        new OwnedSession(await ActorsCluster.StartEmbeddedAsync(siloSettings, QuietLogging.Configure, cancellationToken));

    private sealed class OwnedSession(ActorsCluster cluster) : IClusterSession
    {
        public IGrainFactory Grains => cluster.Grains;

        public string Description => cluster.Description;

        public ValueTask DisposeAsync() => cluster.DisposeAsync();
    }
}
