using Actors.Hosting;
namespace Actors.Client.Infrastructure;

/// <summary>
/// Where to find the cluster: a gateway (host:port) or, when null, an embedded in-process silo;
/// how long to wait for it; and whether the Orleans logs (silo or client) are shown on stderr.
/// </summary>
public sealed record ConnectionSettings(ClusterAddress Address, TimeSpan ConnectTimeout, bool Verbose, ClientFailoverOptions Failover)
{
    /// <summary>Mutual TLS to the silos (off unless <c>--tls-ca</c> is given).</summary>
    public Hosting.Security.ActorsTlsOptions Tls { get; init; } = new();

    public bool Embedded => Address.IsEmbedded;
}

/// <summary>An open connection to a cluster for the length of one command.</summary>
public interface IClusterSession : IAsyncDisposable
{
    IGrainFactory Grains { get; }

    /// <summary>Where the connection goes, for people.</summary>
    string Description { get; }
}

/// <summary>
/// Opens the cluster connection a command runs against. The program connects for real
/// (<see cref="ActorsClusterConnector"/>); tests may hand in a cluster they started themselves.
/// </summary>
public interface IClusterConnector
{
    Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken);
}
