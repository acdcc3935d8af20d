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
    private LivingWorldHost(WebApplication app, LivingWorld world, Uri url)
    {
        App = app;
        World = world;
        Url = url;
    }

    public WebApplication App { get; }

    public LivingWorld World { get; }

    /// <summary>The first address the web app listens on, e.g. http://127.0.0.1:5080/.</summary>
    public Uri Url { get; }

    /// <exception cref="Actors.Hosting.PortInUseException">A listen port is taken (checked before the silo starts, and again at bind).</exception>
    public static async Task<LivingWorldHost> StartAsync(WebOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Actors.Hosting.PortGuard.EnsureFree(Actors.Hosting.PortGuard.UrlPorts(options.Urls, "--urls", "urls"));
        time ??= TimeProvider.System;
        var world = await LivingWorld.StartAsync(options.Users, options.Seed, options.Rate, options.Verbose, time, cancellationToken);
        try
        {
            var app = Build(options, world);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (Actors.Hosting.PortGuard.IsAddressInUse(e))
            {
                await app.DisposeAsync();
                throw new Actors.Hosting.PortInUseException($"The web app's address is already in use ({e.GetBaseException().Message}): choose another with --urls.", e);
            }

            return new LivingWorldHost(app, world, new Uri(app.Urls.First().Replace("//[::]", "//127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/"));
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
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
        await World.DisposeAsync();
    }
}
