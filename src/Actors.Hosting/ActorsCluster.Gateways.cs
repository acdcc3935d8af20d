using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Actors.Hosting;

/// <summary>Clients of a running cluster: any of several gateways, or those the membership table lists, with failover tuning.</summary>
public sealed partial class ActorsCluster
{
    /// <summary>
    /// A client of <paramref name="address"/>'s gateways (a static list, or the membership table's, re-read every
    /// <see cref="ClientFailoverOptions.GatewayListRefreshPeriod"/>): when a silo dies, calls move to the remaining
    /// gateways, and a stuck call fails after <see cref="ClientFailoverOptions.ResponseTimeout"/>. With a
    /// <see cref="ClusterConnectOptions.GatewayConnectTimeout"/>, the client retries until that deadline and then throws
    /// <see cref="ClusterUnreachableException"/> naming the address and, as a TCP probe of each gateway tells, why.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A gateway is not host:port.</exception>
    /// <exception cref="InvalidOperationException">No gateway accepted the connection (without a connect timeout).</exception>
    public static async Task<ActorsCluster> ConnectClientAsync(ClusterAddress address, ClusterConnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        if (address.IsEmbedded)
        {
            throw new ArgumentException("The address names no gateway and no membership table.", nameof(address));
        }

        var endpoints = address.Gateways.Select(g => GatewayEndpoint.Parse(g)).ToArray();
        var retries = options.GatewayConnectTimeout is null ? null : new RetryUntilDeadline();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Client" });
        ConfigureLogging(builder.Logging, options);
        builder.UseOrleansClient(client =>
        {
            UseClustering(client, address, endpoints);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = address.ClusterId;
                o.ServiceId = address.ServiceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = options.Failover.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.Failover.ResponseTimeout);
            if (options.Tls.Enabled)
            {
                var (ca, certificate) = Security.ActorsTls.LoadMaterial(options.Tls, certificateRequired: false);
                client.UseTls(tls => Security.ActorsTls.Configure(tls, options.Tls, ca, certificate, isSilo: false));
            }

            if (retries is not null)
            {
                client.Services.AddSingleton<IClientConnectionRetryFilter>(retries);
            }
        });
        options.ConfigureServices?.Invoke(builder.Services);
        var host = builder.Build();
        var where = address.ToString();
        if (options.GatewayConnectTimeout is { } timeout)
        {
            await StartWithDeadlineAsync(host, address.Clustering is null ? string.Join(", ", address.Gateways) : where, endpoints, timeout, retries!, cancellationToken);
            return new ActorsCluster(host, where, embedded: false);
        }

        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            host.Dispose();
            throw;
        }
        catch (Exception e)
        {
            host.Dispose();
            throw new InvalidOperationException($"Could not connect through {where}: {e.Message}", e);
        }

        return new ActorsCluster(host, where, embedded: false);
    }

    private static void UseClustering(IClientBuilder client, ClusterAddress address, IPEndPoint[] endpoints)
    {
        switch (address.Clustering)
        {
            case null:
                client.UseStaticClustering(endpoints);
                break;
            case StoreKinds.Redis:
                client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(address.ClusteringConnection!));
                break;
            case StoreKinds.PostgreSql:
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = ActorsStorageHosting.NpgsqlInvariant;
                    o.ConnectionString = ActorsStoreSelection.WithPoolCap(address.ClusteringConnection!);
                });
                break;
            default:
                throw new ArgumentException($"clustering '{address.Clustering}': a client reads the membership table of Redis or PostgreSQL only", nameof(address));
        }
    }
}
