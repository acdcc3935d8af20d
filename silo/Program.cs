using Actors.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

if (args.Length > 0 && args[0] == MigrateCommand.Name)
{
    return await MigrateCommand.RunAsync(args[1..]);
}

// Configuration: appsettings.json, then environment variables (Actors__Silo__GatewayPort=...),
// then command-line flags (--gateway-port 22112 or --Actors:Silo:GatewayPort=22112).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, SiloCommandLine.SwitchMappings);
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SiloCommandLine.Help);
    return 0;
}

ActorsSiloOptions silo;
ObservabilityOptions observability;
try
{
    silo = builder.AddActorsSilo();
    observability = builder.AddActorsObservability(silo); // dashboard, /metrics, /health/* on Actors:Silo:HttpPort

    // Orleans binds with address reuse: without this a second silo on taken ports would start and share them.
    PortGuard.EnsureFree(PortGuard.SiloPorts(silo));
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"Invalid configuration: {string.Join("; ", e.Failures)}");
    return 2;
}
catch (PortInUseException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var host = builder.Build();
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
    Console.WriteLine($"Actors silo ready: cluster '{silo.ClusterId}', silo {silo.AdvertisedAddress}:{silo.SiloPort}, gateway {silo.AdvertisedAddress}:{silo.GatewayPort}, storage {silo.Storage}{ObservabilityHosting.DescribeUrls(silo, observability)}. Ctrl+C or SIGTERM stops it gracefully."));
try
{
    await host.RunAsync();
}
catch (Exception e) when (PortGuard.IsAddressInUse(e))
{
    // Taken between the probe and the bind (another start raced this one).
    Console.Error.WriteLine($"A port of this silo is already in use ({e.GetBaseException().Message}): check --silo-port, --gateway-port and --http-port.");
    return 2;
}

return 0;

/// <summary>Short command-line flags for the silo's most used settings.</summary>
internal static class SiloCommandLine
{
    public static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--cluster-id"] = "Actors:Silo:ClusterId",
        ["--service-id"] = "Actors:Silo:ServiceId",
        ["--silo-port"] = "Actors:Silo:SiloPort",
        ["--gateway-port"] = "Actors:Silo:GatewayPort",
        ["--http-port"] = "Actors:Silo:HttpPort",
        ["--advertised-address"] = "Actors:Silo:AdvertisedAddress",
        ["--primary"] = "Actors:Silo:PrimarySiloEndpoint",
        ["--storage"] = "Actors:Silo:Storage",
        ["--clustering"] = "Actors:Silo:Clustering",
        ["--redis"] = "Actors:Redis:ConnectionString",
        ["--postgres"] = "Actors:PostgreSQL:ConnectionString",
    };

    public const string Help = """
        Actors silo: hosts the bank and Messenger grains.

        Usage: dotnet run --project silo -- [options]

        Options (each also settable in appsettings.json or as an environment variable, e.g. Actors__Silo__GatewayPort):
          --silo-port <port>            silo-to-silo port (Actors:Silo:SiloPort, default 22111)
          --gateway-port <port>         client gateway port (Actors:Silo:GatewayPort, default 22112)
          --http-port <port>            dashboard, /metrics and /health (Actors:Silo:HttpPort, default 22180; 0 = off)
          --cluster-id <id>             cluster id (Actors:Silo:ClusterId, default actors)
          --service-id <id>             service id (Actors:Silo:ServiceId, default actors)
          --advertised-address <ip>     address advertised to others (Actors:Silo:AdvertisedAddress, default 127.0.0.1)
          --primary <host:port>         primary silo's silo port, for a second localhost silo (Actors:Silo:PrimarySiloEndpoint)
          --storage <kind>              grain state and reminders: Memory, Redis or PostgreSQL (Actors:Silo:Storage, default Memory)
          --clustering <kind>           membership: Localhost, Redis or PostgreSQL (Actors:Silo:Clustering, default Localhost)
          --redis <configuration>       Redis, e.g. 127.0.0.1:6379 (Actors:Redis:ConnectionString)
          --postgres <connection>       PostgreSQL, e.g. "Host=...;Username=...;Database=actors;Maximum Pool Size=40" (Actors:PostgreSQL:ConnectionString)
          --Actors:Membership:Profile=<Tuned|Orleans>  failure detection for Redis/PostgreSQL clustering (default Tuned: ~3 s to evict a dead silo)
          --Actors:Accounts:IdempotencyHorizon=<time>  a repeated transaction id is answered with its first answer this long (default 1.00:00:00)

        Commands:
          migrate --postgres "<connection string>"   apply the PostgreSQL schema (see 'migrate --help')

        Exit codes: 0 stopped normally, 2 invalid configuration (the message names the option).
        """;
}
