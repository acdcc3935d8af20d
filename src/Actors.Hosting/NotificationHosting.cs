using Actors.Domain;

namespace Actors.Hosting;

/// <summary>The stream provider behind the inbox streams: memory streams by default.</summary>
public static class NotificationHosting
{
    /// <summary>
    /// With the Stream transport and the default provider name, registers memory streams (and the
    /// "PubSubStore" they keep subscriptions in). A deployment that names another provider registers
    /// it itself (e.g. a persistent queue) under that name.
    /// </summary>
    public static ISiloBuilder AddActorsNotifications(this ISiloBuilder silo, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesStreams && options.StreamProvider == NotificationOptions.DefaultStreamProvider)
        {
            silo.AddMemoryStreams(options.StreamProvider);
            silo.AddMemoryGrainStorage("PubSubStore");
        }

        return silo;
    }
}
