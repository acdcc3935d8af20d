using Actors.Client.Infrastructure;
using Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;

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
public sealed class ConfiguredEmbeddedConnector(IDictionary<string, string?> siloSettings, Action<IServiceCollection>? services = null) : IClusterConnector
{
    public async Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken) =>
        new OwnedSession(await ActorsCluster.StartEmbeddedAsync(siloSettings, s =>
        {
            QuietLogging.Configure(s);
            services?.Invoke(s);
        }, cancellationToken));

    private sealed class OwnedSession(ActorsCluster cluster) : IClusterSession
    {
        public IGrainFactory Grains => cluster.Grains;

        public string Description => cluster.Description;

        public ValueTask DisposeAsync() => cluster.DisposeAsync();
    }
}

/// <summary>
/// The system clock, each reading of the wall-clock time 10 ms later than the one before (timestamps and timers are
/// the system's): two grain calls in a row are always more than a millisecond apart, however fast the machine.
/// </summary>
public sealed class AdvancingClock : TimeProvider
{
    private long _readings;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromMilliseconds(10 * Interlocked.Increment(ref _readings));
}
