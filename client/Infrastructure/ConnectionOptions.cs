using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Actors.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Client.Infrastructure;

/// <summary>
/// The global options that say which cluster a command talks to. They are recursive, so they may be
/// written before or after the command name, and validated at parse time (exit 2, nothing sent).
/// </summary>
public sealed partial class ConnectionOptions
{
    public const int DefaultConnectTimeoutSeconds = 30;
    private const int MaxConnectTimeoutSeconds = 600;

    public ConnectionOptions()
    {
        Gateway.Validators.Add(ValidateGateway);
        Embedded.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<bool>() && result.GetResult(Gateway) is { Implicit: false })
            {
                result.AddError("--embedded and --gateway cannot be used together: --embedded starts an in-process silo, --gateway connects to a running one.");
            }
        });
        ClusterId.Validators.Add(result => ValidateId(result, "--cluster-id"));
        ServiceId.Validators.Add(result => ValidateId(result, "--service-id"));
        ConnectTimeout.Validators.Add(result =>
        {
            var seconds = result.GetValueOrDefault<int>();
            if (seconds is < 1 or > MaxConnectTimeoutSeconds)
            {
                result.AddError($"--connect-timeout {seconds}: must be 1-{MaxConnectTimeoutSeconds} seconds.");
            }
        });
    }

    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = "Connect to a running silo's gateway, as host:port (e.g. 127.0.0.1:22112).",
        HelpName = "host:port",
        Recursive = true,
    };

    public Option<bool> Embedded { get; } = new("--embedded")
    {
        Description = "Start an in-process silo with in-memory storage for this command (the default without --gateway; its state ends with the command).",
        Recursive = true,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "Cluster id of the silo behind --gateway.",
        DefaultValueFactory = _ => ActorsSiloOptions.DefaultClusterId,
        Recursive = true,
    };

    public Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = "Service id of the silo behind --gateway.",
        DefaultValueFactory = _ => ActorsSiloOptions.DefaultServiceId,
        Recursive = true,
    };

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
        root.Options.Add(Gateway);
        root.Options.Add(Embedded);
        root.Options.Add(ClusterId);
        root.Options.Add(ServiceId);
        root.Options.Add(ConnectTimeout);
        root.Options.Add(Verbose);
    }

    public ConnectionSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var gateway = parse.GetValue(Gateway);
        return new ConnectionSettings(
            string.IsNullOrWhiteSpace(gateway) ? null : gateway,
            parse.GetValue(ClusterId)!,
            parse.GetValue(ServiceId)!,
            TimeSpan.FromSeconds(parse.GetValue(ConnectTimeout)),
            parse.GetValue(Verbose));
    }

    private static void ValidateGateway(OptionResult result)
    {
        var text = result.GetValueOrDefault<string?>();
        try
        {
            GatewayEndpoint.Parse(text, "--gateway");
        }
        catch (OptionsValidationException e)
        {
            result.AddError(string.Join("; ", e.Failures));
        }
    }

    private static void ValidateId(OptionResult result, string flag)
    {
        var text = result.GetValueOrDefault<string>();
        if (text is null || !IdPattern().IsMatch(text))
        {
            result.AddError($"{flag} '{text}': must be 1-64 characters of A-Z a-z 0-9 _ . -");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex IdPattern();
}
