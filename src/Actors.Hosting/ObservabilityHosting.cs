using System.Globalization;
using Actors.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Dashboard;

namespace Actors.Hosting;

/// <summary>
/// The silo's web host, on <see cref="ActorsSiloOptions.HttpPort"/>: the Orleans Dashboard, the
/// "Actors", Orleans and .NET runtime meters in Prometheus text format (labelled with the silo's
/// service name and instance through target_info), and liveness/readiness endpoints. One call
/// after <see cref="ActorsSiloHosting.AddActorsSilo"/> on a web application builder does it all, the
/// endpoints included (through a startup filter), so the silo's Program.cs stays a few lines.
/// Embedded silos (<see cref="ActorsCluster.StartEmbeddedAsync"/>) build no web host and never call it.
/// </summary>
public static class ObservabilityHosting
{
    /// <summary>Orleans' own meter (activations, messaging, membership...).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>.NET's built-in runtime meter: GC collections, pause time and heap sizes, CPU time, thread pool, JIT, exceptions.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>The OpenTelemetry service.name of every silo (target_info's service_name label).</summary>
    public const string ServiceName = "actors-silo";

    /// <summary>The OpenTelemetry service.instance.id of a silo: its advertised silo endpoint, unique in the cluster.</summary>
    public static string InstanceId(ActorsSiloOptions silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return string.Create(CultureInfo.InvariantCulture, $"{silo.AdvertisedAddress}:{silo.SiloPort}");
    }

    /// <exception cref="OptionsValidationException">A setting is invalid; the message names it (e.g. Actors:Observability:MetricsPath).</exception>
    public static ObservabilityOptions AddActorsObservability(this WebApplicationBuilder builder, ActorsSiloOptions silo)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(silo);
        var options = OptionsLoader.Load<ObservabilityOptions>(builder.Configuration, ObservabilityOptions.SectionName);
        if (silo.HttpPort == 0)
        {
            // Registered after Kestrel, so it wins: the host runs, no socket opens.
            builder.Services.AddSingleton<IServer, DisabledHttpServer>();
            return options;
        }

        // Loopback unless configured otherwise: the dashboard shows every grain and the metrics the whole traffic.
        var bind = System.Net.IPAddress.Parse(options.BindAddress);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(bind, silo.HttpPort));
        if (options.Dashboard)
        {
            // UseOrleans again configures the same silo builder AddActorsSilo created.
            builder.UseOrleans(orleans => orleans.AddDashboard());
        }

        // The resource becomes target_info{service_name="actors-silo",service_instance_id="10.0.0.5:22111"} in
        // /metrics; Prometheus adds job and instance itself, and a join on target_info gives the silo's address.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: InstanceId(silo), autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddMeter(ActorsMetrics.MeterName, OrleansMeterName, RuntimeMeterName)
                .AddPrometheusExporter());
        builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>(SiloActiveHealthCheck.Name, tags: [ReadyTag]);
        builder.Services.AddSingleton<IStartupFilter>(new EndpointsFilter(options));
        return options;
    }

    private const string ReadyTag = "ready";

    /// <summary>", dashboard http://host:port/dashboard/, metrics http://host:port/metrics" for the ready line; empty with no web host.</summary>
    public static string DescribeUrls(ActorsSiloOptions silo, ObservabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        if (silo.HttpPort == 0)
        {
            return "";
        }

        var host = options.BindAddress is "0.0.0.0" or "::" ? silo.AdvertisedAddress : options.BindAddress;
        var root = string.Create(CultureInfo.InvariantCulture, $"http://{host}:{silo.HttpPort}");
        var dashboard = options.Dashboard ? $", dashboard {root}{options.DashboardPath}/" : "";
        return $"{dashboard}, metrics {root}{options.MetricsPath}";
    }

    private static void MapEndpoints(IEndpointRouteBuilder endpoints, ObservabilityOptions options)
    {
        // Live: the process answers HTTP; no check runs. Ready: the silo is Active in the cluster.
        endpoints.MapHealthChecks(ObservabilityOptions.LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth });
        endpoints.MapHealthChecks(ObservabilityOptions.ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteHealth });
        endpoints.MapPrometheusScrapingEndpoint(options.MetricsPath);
        if (options.Dashboard)
        {
            endpoints.MapOrleansDashboard(options.DashboardPath);
        }
    }

    /// <summary>"Healthy" or "Unhealthy", then one line per check saying why (the default writer gives the status only).</summary>
    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}: {e.Value.Status} ({e.Value.Description})"));
        return context.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status.ToString())) + "\n");
    }

    // Health stays open (orchestrators probe it without secrets); everything else needs the key, compared in constant time.
    private static bool Authorized(HttpContext context, ObservabilityOptions options, string key)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..]
            : path.StartsWithSegments(options.DashboardPath, StringComparison.OrdinalIgnoreCase) ? context.Request.Query["key"].ToString()
            : "";
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(key));
    }

    private static Task Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("401: the dashboard and metrics need Authorization: Bearer <Actors:Observability:ApiKey>\n");
    }

    /// <summary>Adds routing and the observability endpoints in front of whatever pipeline the host has.</summary>
    private sealed class EndpointsFilter(ObservabilityOptions options) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (options.ApiKey is { Length: > 0 } key)
            {
                app.Use((context, nextMiddleware) => Authorized(context, options, key) ? nextMiddleware(context) : Refuse(context));
            }

            app.UseRouting();
            app.UseEndpoints(endpoints => MapEndpoints(endpoints, options));
            next(app);
        };
    }
}
