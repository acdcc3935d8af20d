using Actors.Gateway.Options;
using Actors.Hosting;
using Actors.Hosting.Security;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Hosting;

/// <summary>
/// The gateway executable: reads configuration (appsettings.json, environment ACTORS__..., flags),
/// connects to the cluster (or starts an embedded silo), serves HTTP until stopped.
/// Exit codes: 0 stopped normally, 1 the cluster could not be reached, 2 bad arguments or configuration.
/// </summary>
public static class GatewayProgram
{
    private const string Usage = """
        Actors gateway: the Messenger-partner HTTP API over the Actors cluster.

        Usage: Actors.Gateway [options]
          --urls URL[;URL]           where to listen (default http://127.0.0.1:5080)
          --orleans-gateway HOST:PORT[,HOST:PORT...]  a running cluster's Orleans gateways (default: embedded silo)
          --clustering KIND          Redis or PostgreSQL: find the gateways in the cluster's membership table instead
          --redis CONFIGURATION      Redis of that membership table, e.g. 127.0.0.1:6379
          --postgres CONNECTION      PostgreSQL of that membership table (Npgsql connection string)
          --gateway-refresh TIME     how often the client re-reads the gateway list (default 5s)
          --response-timeout TIME    how long a cluster call may take before it fails (default 10s)
          --cluster-id ID            cluster id of that cluster (default actors)
          --service-id ID            service id of that cluster (default actors)
          --Actors:Gateway:KEY VALUE any gateway setting, e.g. --Actors:Gateway:RateLimit:TokenLimit 500
          --help                     this text
        Credentials, rate limits and TLS are configured in appsettings.json (see gateway/README.md).
        """;

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--orleans-gateway"] = $"{GatewayOptions.SectionName}:OrleansGateway",
        ["--clustering"] = $"{GatewayOptions.SectionName}:Clustering",
        ["--redis"] = "Actors:Redis:ConnectionString",
        ["--postgres"] = "Actors:PostgreSQL:ConnectionString",
        ["--gateway-refresh"] = $"{ClientFailoverOptions.SectionName}:GatewayListRefreshPeriod",
        ["--response-timeout"] = $"{ClientFailoverOptions.SectionName}:ResponseTimeout",
        ["--cluster-id"] = $"{GatewayOptions.SectionName}:ClusterId",
        ["--service-id"] = $"{GatewayOptions.SectionName}:ServiceId",
        ["--tls-ca"] = $"{ActorsTlsOptions.SectionName}:CaPath",
        ["--tls-cert"] = $"{ActorsTlsOptions.SectionName}:CertificatePath",
        ["--tls-key"] = $"{ActorsTlsOptions.SectionName}:KeyPath",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (FindBadArgument(args) is { } bad)
        {
            await Console.Error.WriteLineAsync($"error: {bad}\n\n{Usage}");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, Switches);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        GatewayOptions options;
        ActorsTlsOptions tls;
        try
        {
            options = GatewayOptionsValidator.Load(builder.Configuration);
            tls = ActorsTls.Load(builder.Configuration);
            PortGuard.EnsureFree(PortGuard.UrlPorts(builder.Configuration["urls"] ?? "http://127.0.0.1:5080", "--urls", "urls"));
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"error: bad gateway configuration:\n  {string.Join("\n  ", e.Failures)}");
            return 2;
        }
        catch (PortInUseException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        ActorsCluster cluster;
        try
        {
            cluster = await ActorsCluster.ConnectAsync(options.Cluster, embeddedSettings: null, new ClusterConnectOptions { Failover = options.Failover, Tls = tls });
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }

        await using (cluster)
        {
            var app = GatewayApplication.Build(builder, cluster.Grains);
            await app.StartAsync();
            Console.WriteLine($"Actors gateway ready: {string.Join(", ", app.Urls)} -> {cluster.Description}");
            await app.WaitForShutdownAsync();
            await app.DisposeAsync();
        }

        return 0;
    }

    /// <summary>Flags must be known ones or configuration keys, each with a value; anything else is named.</summary>
    private static string? FindBadArgument(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            var known = Switches.ContainsKey(name) || name is "--urls" or "--environment" || name.StartsWith("--Actors:", StringComparison.Ordinal)
                || name.StartsWith("--Logging:", StringComparison.Ordinal) || name.StartsWith("--Kestrel:", StringComparison.Ordinal);
            if (!known)
            {
                return $"unknown argument '{arg}'.";
            }

            if (!arg.Contains('=', StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return $"{name} needs a value.";
                }

                i++;
            }
        }

        return null;
    }
}
