using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Actors.Hosting;

/// <summary>Clients of a multi-silo cluster: any of several gateways, or those the membership table lists, with failover tuning.</summary>
public sealed partial class ActorsCluster
{
    /// <summary>
    /// Connects through any of <paramref name="gateways"/> (host:port each). When a silo dies, the
    /// client moves its traffic to the remaining gateways; <paramref name="failover"/> bounds how long
    /// that takes.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A gateway is not host:port.</exception>
    /// <exception cref="InvalidOperationException">No gateway accepted the connection.</exception>
    public static async Task<ActorsCluster> ConnectToGatewaysAsync(IReadOnlyList<string> gateways, string clusterId, string serviceId,
        ClientFailoverOptions failover, Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        if (gateways.Count == 0)
        {
            throw new ArgumentException("At least one gateway (host:port) is needed.", nameof(gateways));
        }

        var endpoints = gateways.Select(g => GatewayEndpoint.Parse(g)).ToArray();
        var where = $"gateways {string.Join(", ", gateways)} (cluster '{clusterId}')";
        return await StartClientAsync(client => client.UseStaticClustering(endpoints), where, clusterId, serviceId, failover, configureServices, cancellationToken);
    }

    /// <summary>
    /// Connects through the gateways the cluster's membership table lists (Redis or PostgreSQL, as the
    /// silos' Actors:Silo:Clustering). Preferred for multi-silo clusters: a silo declared dead —
    /// crashed or hung — drops out of the list within <see cref="ClientFailoverOptions.GatewayListRefreshPeriod"/>,
    /// and the client closes its connection to it; a static list cannot tell a hung silo from a live one.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="clustering"/> is not Redis or PostgreSQL.</exception>
    /// <exception cref="InvalidOperationException">No gateway accepted the connection.</exception>
    public static Task<ActorsCluster> ConnectThroughMembershipAsync(string clustering, string connectionString, string clusterId, string serviceId,
        ClientFailoverOptions failover, Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Action<IClientBuilder> membership = clustering switch
        {
            StoreKinds.Redis => client => client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(connectionString)),
            StoreKinds.PostgreSql => client => client.UseAdoNetClustering(o =>
            {
                o.Invariant = ActorsStorageHosting.NpgsqlInvariant;
                o.ConnectionString = ActorsStoreSelection.WithPoolCap(connectionString);
            }),
            _ => throw new ArgumentException($"clustering '{clustering}': a client reads the membership table of Redis or PostgreSQL only", nameof(clustering)),
        };
        return StartClientAsync(membership, $"{clustering} membership (cluster '{clusterId}')", clusterId, serviceId, failover, configureServices, cancellationToken);
    }

    private static async Task<ActorsCluster> StartClientAsync(Action<IClientBuilder> clustering, string where, string clusterId, string serviceId,
        ClientFailoverOptions failover, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failover);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Client" });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            clustering(client);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = failover.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = failover.ResponseTimeout);
        });
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new InvalidOperationException($"Could not connect through {where}: {e.Message}", e);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ActorsCluster(host, where, embedded: false);
    }
}
