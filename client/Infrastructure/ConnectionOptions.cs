using System.CommandLine;
using System.CommandLine.Parsing;
using Actors.Hosting;
using Actors.Hosting.CommandLine;
using Microsoft.Extensions.Options;

namespace Actors.Client.Infrastructure;

/// <summary>
/// The global options that say which cluster a command talks to. They are recursive, so they may be
/// written before or after the command name, and validated at parse time (exit 2, nothing sent).
/// </summary>
public sealed class ConnectionOptions
{
    public const int DefaultConnectTimeoutSeconds = 30;
    private const int MaxConnectTimeoutSeconds = 600;

    public ConnectionOptions()
    {
        Gateway.Validators.Add(ValidateGateway);
        Embedded.Validators.Add(result =>
        {
            foreach (var named in new Option[] { Gateway, Clustering })
            {
                if (result.GetValueOrDefault<bool>() && result.GetResult(named) is { Implicit: false })
                {
                    result.AddError($"--embedded and {named.Name} cannot be used together: --embedded starts an in-process silo, {named.Name} connects to a running one.");
                }
            }
        });
        ConnectTimeout.Validators.Add(result =>
        {
            var seconds = result.GetValueOrDefault<int>();
            if (seconds is < 1 or > MaxConnectTimeoutSeconds)
            {
                result.AddError($"--connect-timeout {seconds}: must be 1-{MaxConnectTimeoutSeconds} seconds.");
            }
        });
    }

    /// <summary>--gateway, --clustering with --redis/--postgres, --gateway-refresh, --response-timeout (shared with the other clients).</summary>
    public ClusterAddressOptions Cluster { get; } = new(recursive: true);

    public Option<string?> Gateway => Cluster.Gateway;

    private Option<string?> Clustering => Cluster.Clustering;

    public Option<bool> Embedded { get; } = new("--embedded")
    {
        Description = "Start an in-process silo with in-memory storage for this command (the default without --gateway; its state ends with the command).",
        Recursive = true,
    };

    public Option<string> ClusterId => Cluster.ClusterId;

    public Option<string> ServiceId => Cluster.ServiceId;

    public Option<int> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to wait for the gateway (or the embedded silo) before giving up.",
        HelpName = "seconds",
        DefaultValueFactory = _ => DefaultConnectTimeoutSeconds,
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the Orleans logs (warnings and above) of the client or the embedded silo on stderr.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Cluster.AddTo(root);
        root.Options.Add(Embedded);
        root.Options.Add(ConnectTimeout);
        root.Options.Add(Verbose);
    }

    /// <exception cref="OptionsValidationException">The connection flags contradict each other or a value is malformed (exit 2).</exception>
    public ConnectionSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ConnectionSettings(
            Cluster.Address(parse),
            TimeSpan.FromSeconds(parse.GetValue(ConnectTimeout)),
            parse.GetValue(Verbose),
            Cluster.Failover(parse))
        {
            Tls = Cluster.Tls(parse),
        };
    }

    private static void ValidateGateway(OptionResult result)
    {
        foreach (var gateway in ClusterAddress.SplitGateways(result.GetValueOrDefault<string?>()) is { Count: > 0 } list ? list : [""])
        {
            try
            {
                GatewayEndpoint.Parse(gateway, "--gateway");
            }
            catch (OptionsValidationException e)
            {
                result.AddError(string.Join("; ", e.Failures));
            }
        }
    }
}
