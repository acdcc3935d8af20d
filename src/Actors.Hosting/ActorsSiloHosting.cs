using Actors.Accounts;
using System.Net;
using Actors.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Actors.Hosting;

/// <summary>
/// The one place a silo is configured: the silo executable and every embedded silo (client,
/// simulator, load tests, tests) call <see cref="AddActorsSilo"/>. Options come from the builder's
/// configuration and are validated before anything starts.
/// </summary>
public static class ActorsSiloHosting
{
    /// <exception cref="OptionsValidationException">A configuration value is invalid; the message names it.</exception>
    public static ActorsSiloOptions AddActorsSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var silo = OptionsLoader.Load<ActorsSiloOptions>(builder.Configuration, ActorsSiloOptions.SectionName);
        var accounts = OptionsLoader.Load<AccountOptions>(builder.Configuration, AccountOptions.SectionName);
        var users = OptionsLoader.Load<UserOptions>(builder.Configuration, UserOptions.SectionName);
        var notifications = OptionsLoader.Load<NotificationOptions>(builder.Configuration, NotificationOptions.SectionName);
        var advertised = ParseAddress(silo.AdvertisedAddress, $"{ActorsSiloOptions.SectionName}:AdvertisedAddress");
        var primary = string.IsNullOrWhiteSpace(silo.PrimarySiloEndpoint)
            ? null
            : GatewayEndpoint.Parse(silo.PrimarySiloEndpoint, $"{ActorsSiloOptions.SectionName}:PrimarySiloEndpoint");
        var stores = ActorsStoreSelection.Load(builder.Configuration, silo);
        var membership = OptionsLoader.Load<ActorsMembershipOptions>(builder.Configuration, ActorsMembershipOptions.SectionName);
        var tls = Security.ActorsTls.Load(builder.Configuration);
        var tlsMaterial = tls.Enabled ? Security.ActorsTls.LoadMaterial(tls, certificateRequired: true) : default;

        builder.Services.AddSingleton(Options.Create(silo));
        builder.Services.AddSingleton(Options.Create(accounts));
        builder.Services.AddSingleton(Options.Create(users));
        builder.Services.AddSingleton(Options.Create(notifications));
        builder.Services.AddActorsFraudDetection(builder.Configuration);
        builder.Services.AddActorsAccountGrains();
        builder.AddActorsInsights();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        builder.UseOrleans(orleans =>
        {
            orleans.UseActorsClustering(silo, stores, membership, primary);
            if (tls.Enabled)
            {
                // Silo-to-silo and client-to-gateway connections alike: certificates both ways, signed by the cluster's CA.
                orleans.UseTls(o => Security.ActorsTls.Configure(o, tls, tlsMaterial.Ca, tlsMaterial.Certificate, isSilo: true));
            }

            orleans.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = advertised;
                o.SiloPort = silo.SiloPort;
                o.GatewayPort = silo.GatewayPort;
            });
            orleans.Configure<GrainDirectoryOptions>(o =>
            {
                // CacheSize stays positive with the cache off: Orleans sizes other (per custom directory) caches by it.
                o.CachingStrategy = silo.DirectoryCacheSize == 0 ? GrainDirectoryOptions.CachingStrategyType.None : GrainDirectoryOptions.CachingStrategyType.LRU;
                o.CacheSize = Math.Max(silo.DirectoryCacheSize, 3);
            });
            orleans.AddActorsNotifications(notifications);
            orleans.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, InsightsShutdownFlush>();

            // After the streams: with a durable store its "PubSubStore" replaces the in-memory one.
            orleans.AddActorsStorage(stores);
        });
        return silo;
    }

    private static IPAddress ParseAddress(string text, string key) =>
        IPAddress.TryParse(text, out var address)
            ? address
            : throw new OptionsValidationException(key, typeof(ActorsSiloOptions), [$"{key} = '{text}': not an IP address such as 127.0.0.1"]);
}
