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
            var options = new ClusterConnectOptions { ConfigureServices = s => ConfigureLogging(s, settings.Verbose), Failover = settings.Failover };
            var cluster = await ActorsCluster.ConnectAsync(settings.Address, embeddedSettings: null, options, deadline.Token);
            return new OwnedSession(cluster);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no connection within {settings.ConnectTimeout.TotalSeconds:0} s (--connect-timeout); is the silo running, and is its cluster id '{settings.Address.ClusterId}'?");
        }
    }

    private static void ConfigureLogging(IServiceCollection services, bool verbose)
    {
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.Configure<LoggerFilterOptions>(o => o.MinLevel = verbose ? LogLevel.Warning : LogLevel.Critical);
    }

    /// <summary>A session that owns its cluster: closing the session stops the client (or the embedded silo).</summary>
    private sealed class OwnedSession(ActorsCluster cluster) : IClusterSession
    {
        public IGrainFactory Grains => cluster.Grains;

        public string Description => cluster.Description;

        public ValueTask DisposeAsync() => cluster.DisposeAsync();
    }
}
