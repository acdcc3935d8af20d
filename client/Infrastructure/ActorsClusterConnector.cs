using Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Actors.Client.Infrastructure;

/// <summary>
/// Connects through <see cref="ActorsCluster"/>: the named gateways or membership table, or a fresh embedded silo.
/// Orleans' own logs never go to stdout, which carries the command's result: they go to stderr,
/// and only with --verbose (an embedded silo logs its shutdown chatter on every command).
/// </summary>
public sealed class ActorsClusterConnector : IClusterConnector
{
    public async Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ConnectTimeout);
        try
        {
            var options = new ClusterConnectOptions { ConfigureLogging = b => ConfigureLogging(b, settings.Verbose), Failover = settings.Failover, Tls = settings.Tls };
            var cluster = await ActorsCluster.ConnectAsync(settings.Address, embeddedSettings: null, options, deadline.Token);
            return new OwnedSession(cluster);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no connection within {settings.ConnectTimeout.TotalSeconds:0} s (--connect-timeout); is the silo running, and is its cluster id '{settings.Address.ClusterId}'?");
        }
    }

    // No log at all unless --verbose (then warnings and above, on stderr): a gateway that never answers otherwise printed
    // the host's "Hosting failed to start" with a stack trace before the one-line error that says it all.
    private static void ConfigureLogging(ILoggingBuilder logging, bool verbose)
    {
        if (verbose)
        {
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.SetMinimumLevel(LogLevel.Warning);
        }
    }

    /// <summary>A session that owns its cluster: closing the session stops the client (or the embedded silo).</summary>
    private sealed class OwnedSession(ActorsCluster cluster) : IClusterSession
    {
        public IGrainFactory Grains => cluster.Grains;

        public string Description => cluster.Description;

        public ValueTask DisposeAsync() => cluster.DisposeAsync();
    }
}
