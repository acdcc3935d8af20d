using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting;

/// <summary>
/// What a command-line program may change about an <see cref="ActorsCluster"/> connection: its logging, extra
/// services, how long a gateway may take, and how fast the client fails over. The defaults are those of the overloads without it (warnings and
/// above to the console, Orleans' own connect behaviour), so callers that do not opt in see no change.
/// </summary>
public sealed record ClusterConnectOptions
{
    /// <summary>
    /// Replaces the default logging (warnings and above on the console) when set: it receives a builder with no
    /// providers, so a program can route the log to its own writer or drop library categories altogether.
    /// </summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>
    /// With the default logging: also show Orleans', Polly's and Microsoft's own warnings (default false: only
    /// their errors, and warnings from Actors' code). Without it an embedded start printed ServerGC notes and a
    /// watchdog "deadlock" warning whose figure was the machine's uptime, which read like failures.
    /// </summary>
    public bool Verbose { get; init; }

    /// <summary>Runs last on the host's services (after Orleans and the silo are configured).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>
    /// Gateway connections only: give up, with <see cref="ClusterUnreachableException"/>, when no gateway accepted
    /// the client within this time. Null keeps Orleans' behaviour, which took three minutes to fail on a refused port.
    /// </summary>
    public TimeSpan? GatewayConnectTimeout { get; init; }

    /// <summary>Gateway and membership connections only: how fast the client moves off a dead or hung silo.</summary>
    public ClientFailoverOptions Failover { get; init; } = new();

    /// <summary>Gateway and membership connections only: mutual TLS to the silos (<see cref="Security.ActorsTlsOptions"/>; default off).</summary>
    public Security.ActorsTlsOptions Tls { get; init; } = new();
}
