using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Actors.Hosting;

/// <summary>
/// How silos find each other: localhost clustering (one machine, a primary silo) or a membership
/// table in Redis or PostgreSQL, with the failure-detection settings of <see cref="ActorsMembershipOptions"/>.
/// </summary>
public static class ActorsClusteringHosting
{
    public static ISiloBuilder UseActorsClustering(this ISiloBuilder orleans, ActorsSiloOptions silo, ActorsStoreSelection stores,
        ActorsMembershipOptions membership, IPEndPoint? primary)
    {
        ArgumentNullException.ThrowIfNull(orleans);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(membership);
        switch (stores.Clustering)
        {
            case StoreKinds.Redis:
                orleans.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(stores.RedisConnectionString!));
                break;
            case StoreKinds.PostgreSql:
                orleans.UseAdoNetClustering(o =>
                {
                    o.Invariant = ActorsStorageHosting.NpgsqlInvariant;
                    o.ConnectionString = stores.PostgreSqlConnectionString!;
                });
                break;
            default:
                // Localhost clustering sets the cluster ids and endpoints itself; membership tuning does not apply.
                return orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, primary, silo.ServiceId, silo.ClusterId);
        }

        orleans.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = silo.ClusterId;
            o.ServiceId = silo.ServiceId;
        });
        if (membership.IsTuned)
        {
            orleans.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = membership.ProbeTimeout;
                o.MinProbeTimeout = membership.MinProbeTimeout;
                o.MaxProbeTimeout = membership.MaxProbeTimeout;
                o.NumMissedProbesLimit = membership.NumMissedProbesLimit;
                o.NumVotesForDeathDeclaration = membership.NumVotesForDeathDeclaration;
                o.TableRefreshTimeout = membership.TableRefreshTimeout;
                o.IAmAliveTablePublishTimeout = membership.IAmAliveTablePublishTimeout;
            });
        }

        return orleans;
    }
}
