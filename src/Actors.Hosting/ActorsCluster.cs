using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Actors.Hosting;

/// <summary>
/// A connection to a cluster for the command-line programs: an embedded in-process silo (in-memory
/// storage, free loopback ports, nothing to install) or a client of a running cluster's gateway.
/// </summary>
public sealed partial class ActorsCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private ActorsCluster(IHost host, string description, bool embedded)
    {
        _host = host;
        Description = description;
        IsEmbedded = embedded;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    public IGrainFactory Grains => Client;

    public IServiceProvider Services => _host.Services;

    public bool IsEmbedded { get; }

    /// <summary>Where this connection goes, for people ("embedded silo on 127.0.0.1:..." or "gateway 10.0.0.5:22112").</summary>
    public string Description { get; }

    /// <summary>Connects to <paramref name="gateway"/> (host:port, or several separated by commas) when given, else starts an embedded silo.</summary>
    public static Task<ActorsCluster> ConnectAsync(string? gateway, string clusterId = ActorsSiloOptions.DefaultClusterId,
        string serviceId = ActorsSiloOptions.DefaultServiceId, CancellationToken cancellationToken = default) =>
        ConnectAsync(gateway, embeddedSettings: null, clusterId, serviceId, cancellationToken);

    /// <summary>As above; <paramref name="embeddedSettings"/> configure the embedded silo (unused with a gateway).</summary>
    public static Task<ActorsCluster> ConnectAsync(string? gateway, IDictionary<string, string?>? embeddedSettings, string clusterId = ActorsSiloOptions.DefaultClusterId,
        string serviceId = ActorsSiloOptions.DefaultServiceId, CancellationToken cancellationToken = default) =>
        ConnectAsync(gateway, embeddedSettings, clusterId, serviceId, new ClusterConnectOptions(), cancellationToken);

    /// <summary>As above, with the logging, services, gateway connect timeout and failover of <paramref name="options"/>.</summary>
    public static Task<ActorsCluster> ConnectAsync(string? gateway, IDictionary<string, string?>? embeddedSettings, string clusterId, string serviceId,
        ClusterConnectOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(ClusterAddress.OfGateways(ClusterAddress.SplitGateways(gateway), clusterId, serviceId), embeddedSettings, options, cancellationToken);

    /// <summary>
    /// Starts an embedded silo (configured by <paramref name="embeddedSettings"/>) when <paramref name="address"/> names
    /// no cluster, else connects to its gateways or to those its membership table lists.
    /// </summary>
    public static Task<ActorsCluster> ConnectAsync(ClusterAddress address, IDictionary<string, string?>? embeddedSettings, ClusterConnectOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsEmbedded ? StartEmbeddedAsync(embeddedSettings, options, cancellationToken) : ConnectClientAsync(address, options, cancellationToken);
    }

    /// <summary>Starts a silo in this process on free loopback ports, configured by <see cref="ActorsSiloHosting.AddActorsSilo"/>.</summary>
    public static Task<ActorsCluster> StartEmbeddedAsync(IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default) =>
        StartEmbeddedAsync(settings, new ClusterConnectOptions { ConfigureServices = configureServices }, cancellationToken);

    /// <summary>As above, with the logging and services of <paramref name="options"/>.</summary>
    public static async Task<ActorsCluster> StartEmbeddedAsync(IDictionary<string, string?>? settings, ClusterConnectOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ports = FreePorts.Get(2);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Embedded" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ActorsSiloOptions.SectionName}:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            [$"{ActorsSiloOptions.SectionName}:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            [$"{ActorsSiloOptions.SectionName}:ClusterId"] = "embedded",

            // The embedded silo is the whole cluster, so state can stay in this process without Orleans' storage-grain hop.
            [$"{ActorsSiloOptions.SectionName}:Storage"] = StoreKinds.ProcessMemory,

            // ...and it owns every grain directory partition, so a cache of grain locations would only repeat them.
            [$"{ActorsSiloOptions.SectionName}:DirectoryCacheSize"] = "0",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        ConfigureLogging(builder.Logging, options);
        var silo = builder.AddActorsSilo();
        options.ConfigureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new ActorsCluster(host, $"embedded silo (in-process, {silo.Storage} storage, gateway 127.0.0.1:{silo.GatewayPort})", embedded: true);
    }

    public static Task<ActorsCluster> ConnectToGatewayAsync(string gateway, string clusterId, string serviceId, CancellationToken cancellationToken = default) =>
        ConnectToGatewayAsync(gateway, clusterId, serviceId, new ClusterConnectOptions(), cancellationToken);

    /// <summary>As above; <paramref name="configureServices"/> runs last, e.g. to send the client's logs elsewhere.</summary>
    public static Task<ActorsCluster> ConnectToGatewayAsync(string gateway, string clusterId, string serviceId,
        Action<IServiceCollection>? configureServices, CancellationToken cancellationToken = default) =>
        ConnectToGatewayAsync(gateway, clusterId, serviceId, new ClusterConnectOptions { ConfigureServices = configureServices }, cancellationToken);

    /// <summary>As above, with <paramref name="options"/> (see <see cref="ConnectClientAsync"/>).</summary>
    public static Task<ActorsCluster> ConnectToGatewayAsync(string gateway, string clusterId, string serviceId,
        ClusterConnectOptions options, CancellationToken cancellationToken = default) =>
        ConnectClientAsync(ClusterAddress.OfGateways(ClusterAddress.SplitGateways(gateway), clusterId, serviceId), options, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
