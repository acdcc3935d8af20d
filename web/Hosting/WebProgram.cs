using System.Globalization;
using Actors.Hosting;

namespace Actors.Web.Hosting;

/// <summary>
/// The demo executable: parses flags, starts the living world and its web app, prints the URL and serves until
/// Ctrl+C. Exit codes: 0 stopped normally, 2 bad arguments or a port in use, 1 the world could not start.
/// </summary>
public static class WebProgram
{
    public const string Usage = """
        Actors living world: a bank + Messenger world on synthetic people, in a browser.

        Usage: dotnet run --project web -- [options]
          --urls URL        where the web app listens (default http://127.0.0.1:5080; port 0 = any free port)
          --gateway-urls URL where the partner HTTP gateway listens, with development keys (default http://127.0.0.1:5081)
          --users N         synthetic people (default 200, 10 to 20000)
          --seed N          population seed (default 42): the same seed gives the same people
          --rate N          live card payments per second at start (default 5, 0 to 1000; adjustable in the page)
          --verbose         also show library (ASP.NET Core, Orleans) logs
          --help            this text
        The silo runs in this process on free loopback ports with in-memory storage: nothing to install.
        Exit codes: 0 stopped, 1 the world could not start, 2 bad arguments or a port in use.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        var (options, problem) = Parse(args);
        if (problem is not null)
        {
            await error.WriteLineAsync($"error: {problem}\n\n{Usage}");
            return 2;
        }

        var invalid = options.Validate();
        if (invalid.Count > 0)
        {
            await error.WriteLineAsync($"error: {string.Join("\nerror: ", invalid)}");
            return 2;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Starting the living world: {options.Users} synthetic people (seed {options.Seed}), embedded silo..."));
        LivingWorldHost host;
        try
        {
            host = await LivingWorldHost.StartAsync(options, cancellationToken: cancellationToken);
        }
        catch (PortInUseException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or Orleans.Runtime.OrleansException)
        {
            await error.WriteLineAsync($"error: the world could not start: {e.Message}");
            return 1;
        }

        await using (host)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Actors living world ready: {host.Url} ({options.Users} people, traffic {options.Rate}/s, {host.World.ClusterDescription}). Ctrl+C stops it."));
            await output.WriteLineAsync($"Partner HTTP gateway: {host.GatewayUrl} (OpenAPI at {host.GatewayUrl}openapi/v1.json), development keys in the X-Api-Key header:");
            foreach (var key in host.DevelopmentKeys)
            {
                await output.WriteLineAsync($"  {key.Role,-8} {key.Subject,-24} {key.Key}");
            }
            await host.App.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    /// <summary>Known flags only, each with a value (but --verbose); the first problem is named.</summary>
    internal static (WebOptions Options, string? Problem) Parse(IReadOnlyList<string> args)
    {
        var options = new WebOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (name == "--verbose")
            {
                options.Verbose = true;
                continue;
            }

            if (name is not ("--urls" or "--gateway-urls" or "--users" or "--seed" or "--rate"))
            {
                return (options, $"unknown argument '{args[i]}'.");
            }

            var value = inline;
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return (options, $"{name} needs a value.");
                }

                value = args[++i];
            }

            switch (name)
            {
                case "--urls":
                    options.Urls = value;
                    break;
                case "--gateway-urls":
                    options.GatewayUrls = value;
                    break;
                case "--users" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var users):
                    options.Users = users;
                    break;
                case "--seed" when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed):
                    options.Seed = seed;
                    break;
                case "--rate":
                    var rate = FormInput.Rate(value);
                    if (!rate.Ok)
                    {
                        return (options, $"--rate: {rate.Error}");
                    }

                    options.Rate = rate.Value;
                    break;
                default:
                    return (options, $"{name} '{value}' is not a whole number.");
            }
        }

        return (options, null);
    }
}
