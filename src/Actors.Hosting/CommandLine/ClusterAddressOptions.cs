using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Actors.Hosting.CommandLine;

/// <summary>
/// The flags by which every command-line client (client, loadtests, simulator) names a running cluster and tunes its
/// failover: <c>--gateway host:port[,host:port...]</c>, or <c>--clustering Redis|PostgreSQL</c> with <c>--redis</c> or
/// <c>--postgres</c> (the silos' own flags), and <c>--gateway-refresh</c>, <c>--response-timeout</c>, with the cluster's <c>--cluster-id</c> and <c>--service-id</c>. None given: the
/// program's embedded silo.
/// </summary>
public sealed partial class ClusterAddressOptions
{
    /// <param name="recursive">Whether the options apply to subcommands too (the client's global options).</param>
    public ClusterAddressOptions(bool recursive = false)
    {
        Gateway = new("--gateway")
        {
            Description = "host:port[,host:port...] of a running cluster's gateways (calls move to the others when one dies); default: an embedded in-process silo",
            HelpName = "host:port",
            Recursive = recursive,
        };
        Clustering = new("--clustering")
        {
            Description = "Redis or PostgreSQL: find a running cluster's gateways in its membership table (with --redis or --postgres), as its silos do; dead silos leave the list",
            HelpName = "kind",
            Recursive = recursive,
        };
        Redis = new("--redis") { Description = "Redis configuration of the --clustering Redis membership table, e.g. 127.0.0.1:6379", HelpName = "configuration", Recursive = recursive };
        Postgres = new("--postgres") { Description = "Npgsql connection string of the --clustering PostgreSQL membership table", HelpName = "connection", Recursive = recursive };
        GatewayRefresh = new("--gateway-refresh") { Description = "how often the client re-reads the gateway list (default 5s)", HelpName = "duration", Recursive = recursive };
        ResponseTimeout = new("--response-timeout") { Description = "how long a cluster call waits for its answer before it fails (default 10s)", HelpName = "duration", Recursive = recursive };
        ClusterId = new("--cluster-id")
        {
            Description = "cluster id of the running cluster (its silos' --cluster-id)",
            DefaultValueFactory = _ => ActorsSiloOptions.DefaultClusterId,
            HelpName = "id",
            Recursive = recursive,
        };
        ServiceId = new("--service-id")
        {
            Description = "service id of the running cluster (its silos' --service-id)",
            DefaultValueFactory = _ => ActorsSiloOptions.DefaultServiceId,
            HelpName = "id",
            Recursive = recursive,
        };
        TlsCa = new("--tls-ca") { Description = "CA certificate (PEM) of a cluster whose silos require TLS: connect with mutual TLS (see scripts/dev-ca.sh)", HelpName = "file", Recursive = recursive };
        TlsCert = new("--tls-cert") { Description = "this client's certificate (PEM, or .pfx), signed by the --tls-ca CA", HelpName = "file", Recursive = recursive };
        TlsKey = new("--tls-key") { Description = "the private key (PEM) of --tls-cert", HelpName = "file", Recursive = recursive };
        ClusterId.Validators.Add(result => ValidateId(result, "--cluster-id"));
        ServiceId.Validators.Add(result => ValidateId(result, "--service-id"));
    }

    public Option<string?> Gateway { get; }

    public Option<string?> Clustering { get; }

    public Option<string?> Redis { get; }

    public Option<string?> Postgres { get; }

    public Option<string?> GatewayRefresh { get; }

    public Option<string?> ResponseTimeout { get; }

    public Option<string> ClusterId { get; }

    public Option<string> ServiceId { get; }

    public Option<string?> TlsCa { get; }

    public Option<string?> TlsCert { get; }

    public Option<string?> TlsKey { get; }

    public IEnumerable<Option> All => [Gateway, Clustering, Redis, Postgres, GatewayRefresh, ResponseTimeout, ClusterId, ServiceId, TlsCa, TlsCert, TlsKey];

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether the user named a running cluster (either way), without validating it.</summary>
    public bool NamesCluster(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return !string.IsNullOrWhiteSpace(parse.GetValue(Gateway)) || !string.IsNullOrWhiteSpace(parse.GetValue(Clustering));
    }

    /// <exception cref="OptionsValidationException">The flags contradict each other or an address is malformed; the failures name the flags.</exception>
    public ClusterAddress Address(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return ClusterAddress.FromFlags(parse.GetValue(Gateway), parse.GetValue(Clustering), parse.GetValue(Redis), parse.GetValue(Postgres),
            parse.GetValue(ClusterId)!, parse.GetValue(ServiceId)!);
    }

    /// <exception cref="OptionsValidationException">A duration is malformed or out of range; the failure names the flag.</exception>
    public ClientFailoverOptions Failover(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return ClientFailoverOptions.FromFlags(parse.GetValue(GatewayRefresh), parse.GetValue(ResponseTimeout));
    }

    /// <summary>Mutual TLS as <c>--tls-ca</c>, <c>--tls-cert</c> and <c>--tls-key</c> say (off without <c>--tls-ca</c>).</summary>
    /// <exception cref="OptionsValidationException">A file is missing, or a certificate or key is given without the CA; the failures name the flags.</exception>
    public Security.ActorsTlsOptions Tls(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var (ca, cert, key) = (parse.GetValue(TlsCa), parse.GetValue(TlsCert), parse.GetValue(TlsKey));
        var failures = new List<string>();
        foreach (var (flag, path) in new[] { ("--tls-ca", ca), ("--tls-cert", cert), ("--tls-key", key) })
        {
            if (path is not null && !File.Exists(path))
            {
                failures.Add($"{flag} '{path}': no such file");
            }
        }

        if (ca is null && (cert is not null || key is not null))
        {
            failures.Add("--tls-cert and --tls-key need --tls-ca, the CA that signs the silos' certificates");
        }

        if (key is not null && cert is null)
        {
            failures.Add("--tls-key needs --tls-cert, the certificate it belongs to");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException("--tls-ca", typeof(Security.ActorsTlsOptions), failures);
        }

        return new Security.ActorsTlsOptions { Enabled = ca is not null, CaPath = ca, CertificatePath = cert, KeyPath = key };
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
