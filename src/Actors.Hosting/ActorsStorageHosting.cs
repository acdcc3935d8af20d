using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Actors.Hosting;

/// <summary>
/// Where grain state and reminders live, shared by <see cref="ActorsSiloHosting.AddActorsSilo"/> and the
/// test cluster so both persist state the same way.
/// </summary>
public static class ActorsStorageHosting
{
    /// <summary>In-memory grain storage named <see cref="ActorsConstants.StorageName"/> and in-memory reminders.</summary>
    public static ISiloBuilder AddActorsStorage(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);

        // Orleans' default storage serializer is Newtonsoft JSON, which cannot rebuild our validated
        // value types (Currency and Money have get-only properties): a reactivated account came back
        // without its currency and a reloaded transfer without its amount. The Orleans serializer
        // follows the [GenerateSerializer]/[Id] contract every state type declares, and writes less.
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        silo.AddMemoryGrainStorage(ActorsConstants.StorageName);
        silo.UseInMemoryReminderService();
        return silo;
    }
}
