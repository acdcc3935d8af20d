using Microsoft.Extensions.DependencyInjection;
using Actors.Hosting.Storage;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using StackExchange.Redis;

namespace Actors.Hosting;

/// <summary>
/// Where grain state and reminders live, shared by <see cref="ActorsSiloHosting.AddActorsSilo"/> and the
/// test cluster so both persist state the same way.
/// </summary>
public static class ActorsStorageHosting
{
    /// <summary>Stream subscriptions' storage name, fixed by Orleans' pub-sub.</summary>
    public const string PubSubStorageName = "PubSubStore";

    /// <summary>ADO.NET provider invariant for PostgreSQL (Npgsql).</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>In-memory grain storage named <see cref="ActorsConstants.StorageName"/> and in-memory reminders.</summary>
    public static ISiloBuilder AddActorsStorage(this ISiloBuilder silo) => silo.AddActorsStorage(ActorsStoreSelection.InMemory);

    /// <summary>
    /// Grain storage named <see cref="ActorsConstants.StorageName"/> and reminders on the selected store.
    /// With a durable store, "PubSubStore" lives there too, so stream subscriptions survive a restart;
    /// call this after the stream registration so this registration is the one resolved by name.
    /// </summary>
    public static ISiloBuilder AddActorsStorage(this ISiloBuilder silo, ActorsStoreSelection stores)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(stores);

        // Orleans' default storage serializer is Newtonsoft JSON, which cannot rebuild our validated
        // value types (Currency and Money have get-only properties): a reactivated account came back
        // without its currency and a reloaded transfer without its amount. The Orleans serializer
        // follows the [GenerateSerializer]/[Id] contract every state type declares, and writes less.
        // Every provider below takes it from here (none sets its own GrainStorageSerializer).
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        switch (stores.Storage)
        {
            case StoreKinds.Redis:
                AddRedis(silo, stores.RedisConnectionString!);
                break;
            case StoreKinds.PostgreSql:
                AddPostgreSql(silo, stores.PostgreSqlConnectionString!);
                break;
            case StoreKinds.ProcessMemory:
                // Stream subscriptions too: every new inbox stream registers its producer with the pub-sub grain, which
                // writes "PubSubStore"; through Orleans' storage grains that write was the costliest part of a stream's start.
                foreach (var name in new[] { ActorsConstants.StorageName, PubSubStorageName })
                {
                    silo.Services.AddGrainStorage(name, (services, _) => ActivatorUtilities.CreateInstance<ProcessMemoryGrainStorage>(services));
                }

                silo.UseInMemoryReminderService();
                break;
            default:
                silo.AddMemoryGrainStorage(ActorsConstants.StorageName);
                silo.UseInMemoryReminderService();
                break;
        }

        return silo;
    }

    private static void AddRedis(ISiloBuilder silo, string connectionString)
    {
        foreach (var name in new[] { ActorsConstants.StorageName, PubSubStorageName })
        {
            silo.AddRedisGrainStorage(name, o => o.ConfigurationOptions = ConfigurationOptions.Parse(connectionString));
        }

        silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(connectionString));
    }

    private static void AddPostgreSql(ISiloBuilder silo, string connectionString)
    {
        foreach (var name in new[] { ActorsConstants.StorageName, PubSubStorageName })
        {
            silo.AddAdoNetGrainStorage(name, o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
        }

        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = connectionString;
        });
    }
}
