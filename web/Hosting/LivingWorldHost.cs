using Actors.Web.Endpoints;
using Actors.Web.Living;
using Microsoft.Extensions.FileProviders;

namespace Actors.Web.Hosting;

/// <summary>
/// The whole demo in one process: the <see cref="LivingWorld"/> (embedded silo, population, traffic) and the web
/// app over it. Used by the executable and by the tests (with <c>--urls http://127.0.0.1:0</c>: the bound
/// address is read back into <see cref="Url"/>).
/// </summary>
public sealed class LivingWorldHost : IAsyncDisposable
{
    private LivingWorldHost(WebApplication app, WebApplication gateway, LivingWorld world, Uri url, Uri gatewayUrl, IReadOnlyList<DevelopmentKey> keys)
    {
        App = app;
        Gateway = gateway;
        World = world;
        Url = url;
        GatewayUrl = gatewayUrl;
        DevelopmentKeys = keys;
    }

    public WebApplication App { get; }

    /// <summary>The partner HTTP gateway (gateway/) over the same silo, with <see cref="DevelopmentKeys"/>.</summary>
    public WebApplication Gateway { get; }

    /// <summary>The first address the gateway listens on, e.g. http://127.0.0.1:5081/.</summary>
    public Uri GatewayUrl { get; }

    /// <summary>
    /// The gateway's keys in this demo (development only: printed at start, never valid anywhere else): Messenger as
    /// partner, the first person as user, each bank of the population.
    /// </summary>
    public IReadOnlyList<DevelopmentKey> DevelopmentKeys { get; }

    public LivingWorld World { get; }

    /// <summary>The first address the web app listens on, e.g. http://127.0.0.1:5080/.</summary>
    public Uri Url { get; }

    /// <exception cref="Actors.Hosting.PortInUseException">A listen port is taken (checked before the silo starts, and again at bind).</exception>
    public static async Task<LivingWorldHost> StartAsync(WebOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Actors.Hosting.PortGuard.EnsureFree(Actors.Hosting.PortGuard.UrlPorts(options.Urls, "--urls", "urls"));
        Actors.Hosting.PortGuard.EnsureFree(Actors.Hosting.PortGuard.UrlPorts(options.GatewayUrls, "--gateway-urls", "gateway-urls"));
        time ??= TimeProvider.System;
        var world = await LivingWorld.StartAsync(options.Users, options.Seed, options.Rate, options.Verbose, time, cancellationToken);
        try
        {
            var keys = DevelopmentKey.For(world);
            var gateway = BuildGateway(options, world, keys);
            await StartAsync(gateway, "partner gateway", "--gateway-urls", cancellationToken);
            var app = Build(options, world);
            try
            {
                await StartAsync(app, "web app", "--urls", cancellationToken);
            }
            catch
            {
                await gateway.StopAsync(CancellationToken.None);
                await gateway.DisposeAsync();
                throw;
            }

            return new LivingWorldHost(app, gateway, world, FirstUrl(app), FirstUrl(gateway), keys);
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    private static async Task StartAsync(WebApplication app, string what, string flag, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (Actors.Hosting.PortGuard.IsAddressInUse(e))
        {
            await app.DisposeAsync();
            throw new Actors.Hosting.PortInUseException($"The {what}'s address is already in use ({e.GetBaseException().Message}): choose another with {flag}.", e);
        }
    }

    private static Uri FirstUrl(WebApplication app) =>
        new(app.Urls.First().Replace("//[::]", "//127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");

    /// <summary>The gateway of gateway/ as it runs on its own, over the demo's silo, with the development keys.</summary>
    private static WebApplication BuildGateway(WebOptions options, LivingWorld world, IReadOnlyList<DevelopmentKey> keys)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.WebHost.UseUrls(options.GatewayUrls);
        builder.Logging.ClearProviders();
        if (options.Verbose)
        {
            builder.Logging.AddSimpleConsole();
        }

        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Count; i++)
        {
            var prefix = $"{Actors.Gateway.Options.GatewayOptions.SectionName}:Credentials:{i}:";
            settings[prefix + "Role"] = keys[i].Role;
            settings[prefix + "Subject"] = keys[i].Subject;
            settings[prefix + "Key"] = keys[i].Key;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(world.Time);
        return Actors.Gateway.Hosting.GatewayApplication.Build(builder, world.Grains);
    }

    private static WebApplication Build(WebOptions options, LivingWorld world)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        if (options.Verbose)
        {
            builder.Logging.AddSimpleConsole();
        }

        builder.Services.AddSingleton(world);
        var app = builder.Build();
        var files = new EmbeddedFileProvider(typeof(LivingWorldHost).Assembly, "Actors.Web.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapMessengerEndpoints();
        app.MapBankEndpoints();
        app.MapWorldEndpoints();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Gateway.StopAsync();
        await Gateway.DisposeAsync();
        await World.DisposeAsync();
    }
}
