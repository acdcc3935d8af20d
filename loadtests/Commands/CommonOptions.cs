using System.CommandLine;
using Actors.Hosting;
using Actors.Hosting.CommandLine;
using Actors.Load;
using Actors.Load.Engine;
using Actors.LoadTests.Cluster;
using Actors.LoadTests.Logging;
using Actors.LoadTests.Population;

namespace Actors.LoadTests.Commands;

/// <summary>Options shared by the commands that talk to a cluster or create a population, and the writers they print to.</summary>
public sealed class CommonOptions(CliConsole console)
{
    /// <summary>How long a --gateway may take to accept the client: a CI job against a wrong address fails in seconds, not minutes.</summary>
    public static readonly TimeSpan GatewayConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Where the commands print: results and progress on its output, errors and library logs on its error writer.</summary>
    public CliConsole Console { get; } = console;

    /// <summary>--gateway, --clustering with --redis/--postgres, --gateway-refresh, --response-timeout (shared with the other clients).</summary>
    public ClusterAddressOptions Cluster { get; } = new();

    public Option<string?> Gateway => Cluster.Gateway;

    public Option<string[]> SiloSettings { get; } = new("--silo-setting")
    {
        Description = "Section:Key=value for the embedded silo (repeatable), e.g. Actors:Notifications:Transport=Direct",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string> ClusterId => Cluster.ClusterId;

    public Option<int> Users { get; } = new("--users") { Description = "synthetic users in the population (created or reused)", DefaultValueFactory = _ => PopulationOptions.DefaultUsers };

    public Option<string?> Agent { get; } = new("--agent") { Description = "i/n (1 <= i <= n): run the i-th of n slices of the population and the load; merge the agents' reports with merge" };

    public Option<int> ConsentPercent { get; } = new("--consent-percent")
    {
        Description = "share of users (0-100) who grant BalanceView and TransactionNotifications for CHASE",
        DefaultValueFactory = _ => new PopulationOptions().ConsentPercent,
    };

    public Option<string> ReportDir { get; } = new("--report-dir") { Description = "folder that receives a folder per run", DefaultValueFactory = _ => "reports" };

    public Option<bool> NoConsole { get; } = new("--no-console") { Description = "no progress while running (the summary is still printed)" };

    public Option<int> Silos { get; } = new("--silos")
    {
        Description = "start N silo processes on free ports for this command (stopped at its end) instead of the embedded silo: the figure then includes the client→gateway hop",
    };

    public Option<string> Storage { get; } = new("--storage")
    {
        Description = "storage of the --silos processes: Memory, Redis (a private redis-server unless --store-connection) or PostgreSQL (needs --store-connection)",
        DefaultValueFactory = _ => StoreKinds.Memory,
    };

    public Option<string?> StoreConnection { get; } = new("--store-connection") { Description = "Redis configuration or Npgsql connection string for --silos with --storage Redis/PostgreSQL" };

    public Option<string?> SiloDll { get; } = new("--silo-dll") { Description = "silo executable for --silos (default: the repository's build of silo/)" };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "show Orleans' and .NET's warnings (on the error output); without it they are not shown" };

    /// <summary>The population the flags describe (<c>--users</c>, <c>--consent-percent</c>; <c>--agent</c> where the command slices).</summary>
    public PopulationOptions Population(ParseResult parse, bool sliced = true)
    {
        var (agentIndex, agentCount) = sliced ? ArgumentParsers.Agent(parse.GetValue(Agent)) : (0, 1);
        var consent = parse.GetValue(ConsentPercent);
        if (consent is < 0 or > 100)
        {
            throw new LoadConfigurationException($"--consent-percent must be between 0 and 100, was {consent}.");
        }

        return new PopulationOptions
        {
            Users = ArgumentParsers.Positive(parse.GetValue(Users), "--users", 100_000_000),
            AgentIndex = agentIndex,
            AgentCount = agentCount,
            ConsentPercent = consent,
        };
    }

    /// <summary>
    /// The embedded silo's settings from <c>--silo-setting</c>; refused with <c>--gateway</c>, where they would be
    /// silently ignored (a running cluster takes its configuration from its own hosts).
    /// </summary>
    public Dictionary<string, string?> EmbeddedSettings(ParseResult parse)
    {
        var settings = ArgumentParsers.Settings(parse.GetValue(SiloSettings), "--silo-setting");
        if (settings.Count > 0 && !Address(parse).IsEmbedded)
        {
            throw new LoadConfigurationException("--silo-setting configures the embedded silo; a cluster named with --gateway or --clustering takes its settings from its own hosts.");
        }

        return settings;
    }

    /// <summary>
    /// The running cluster <c>--gateway</c> or <c>--clustering</c> names (<see cref="ClusterAddress.IsEmbedded"/> when neither is given).
    /// </summary>
    public ClusterAddress Address(ParseResult parse)
    {
        try
        {
            return Cluster.Address(parse);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            throw new LoadConfigurationException(string.Join(" ", e.Failures));
        }
    }

    /// <summary>
    /// Connects to the cluster <c>--gateway</c> or <c>--clustering</c> names (failing with
    /// <see cref="ClusterUnreachableException"/> after <see cref="GatewayConnectTimeout"/>), else starts an embedded silo
    /// with <c>--silo-setting</c>.
    /// </summary>
    /// <remarks>With <c>--silos N</c>, starts N silo processes first (see <see cref="SiloFleet"/>) and connects through all their gateways.</remarks>
    public async Task<LoadTarget> ConnectAsync(ParseResult parse, CancellationToken cancellationToken) =>
        await ConnectAsync(parse, silos: null, cancellationToken);

    /// <summary>As <see cref="ConnectAsync(ParseResult, CancellationToken)"/>, with <paramref name="silos"/> silo processes instead of <c>--silos</c>' count when given.</summary>
    public async Task<LoadTarget> ConnectAsync(ParseResult parse, int? silos, CancellationToken cancellationToken)
    {
        var fleetOptions = FleetOptions(parse);
        if (fleetOptions is not null && silos is { } count)
        {
            fleetOptions = fleetOptions with { Silos = count };
            fleetOptions.Validate();
        }

        if (fleetOptions is null)
        {
            return new LoadTarget(await ActorsCluster.ConnectAsync(Address(parse), EmbeddedSettings(parse), ConnectOptions(parse), cancellationToken), null);
        }

        var fleet = await SiloFleet.StartAsync(fleetOptions, Console.Output, cancellationToken);
        try
        {
            return new LoadTarget(await fleet.ConnectAsync(ConnectOptions(parse), cancellationToken), fleet);
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo processes <c>--silos</c> asks for, validated (null without it); refused together with <c>--gateway</c> or <c>--silo-setting</c>.</summary>
    public SiloFleetOptions? FleetOptions(ParseResult parse)
    {
        var silos = parse.GetValue(Silos);
        var storage = parse.GetValue(Storage)!;
        var connection = parse.GetValue(StoreConnection);
        if (silos == 0)
        {
            if (!string.IsNullOrWhiteSpace(connection) || parse.GetValue(SiloDll) is not null || storage != StoreKinds.Memory)
            {
                throw new LoadConfigurationException("--storage, --store-connection and --silo-dll describe the silo processes of --silos N; give --silos.");
            }

            return null;
        }

        if (!Address(parse).IsEmbedded)
        {
            throw new LoadConfigurationException("--silos starts its own silos; --gateway and --clustering name a running cluster: give one of them.");
        }

        if (parse.GetValue(Cluster.TlsCa) is not null)
        {
            throw new LoadConfigurationException("--tls-ca, --tls-cert and --tls-key connect to a running cluster's TLS silos; the silo processes of --silos N run without TLS.");
        }

        if (ArgumentParsers.Settings(parse.GetValue(SiloSettings), "--silo-setting").Count > 0)
        {
            throw new LoadConfigurationException("--silo-setting configures the embedded silo; the processes of --silos take their settings from the silo's own configuration.");
        }

        var options = new SiloFleetOptions
        {
            Silos = silos,
            Storage = storage,
            StoreConnection = string.IsNullOrWhiteSpace(connection) ? null : connection,
            SiloDll = parse.GetValue(SiloDll),
            ClusterId = $"actors-fleet-{Environment.ProcessId}",
        };
        options.Validate();
        return options;
    }

    /// <summary>Logging as <c>--verbose</c> asks, on the error writer; a bounded gateway connect; failover as <c>--gateway-refresh</c> and <c>--response-timeout</c> say.</summary>
    public ClusterConnectOptions ConnectOptions(ParseResult parse)
    {
        ClientFailoverOptions failover;
        Hosting.Security.ActorsTlsOptions tls;
        try
        {
            failover = Cluster.Failover(parse);
            tls = Cluster.Tls(parse);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            throw new LoadConfigurationException(string.Join(" ", e.Failures));
        }

        return new ClusterConnectOptions
        {
            ConfigureLogging = CliLogging.Configure(Console.Error, parse.GetValue(Verbose)),
            GatewayConnectTimeout = GatewayConnectTimeout,
            Failover = failover,
            Tls = tls,
        };
    }

    /// <summary>
    /// Checks <c>--report-dir</c> before anything starts: a run that measured for an hour and then cannot save its
    /// reports has wasted the hour, and a silo started only to be stopped again costs seconds of every bad invocation.
    /// </summary>
    public string ReportFolder(ParseResult parse)
    {
        var folder = parse.GetValue(ReportDir)!;
        ReportFolderCheck.EnsureWritable(folder);
        return folder;
    }

    /// <summary>Progress bars only on a terminal and without <c>--no-console</c>; plain lines otherwise.</summary>
    public bool Interactive(ParseResult parse) => !parse.GetValue(NoConsole) && Console.IsInteractive;

    public void AddTo(Command command, bool population = true, bool reports = true)
    {
        Cluster.AddTo(command);
        command.Options.Add(SiloSettings);
        if (population)
        {
            command.Options.Add(Users);
            command.Options.Add(Agent);
            command.Options.Add(ConsentPercent);
        }

        if (reports)
        {
            command.Options.Add(ReportDir);
        }

        command.Options.Add(Silos);
        command.Options.Add(Storage);
        command.Options.Add(StoreConnection);
        command.Options.Add(SiloDll);
        command.Options.Add(NoConsole);
        command.Options.Add(Verbose);
    }
}
