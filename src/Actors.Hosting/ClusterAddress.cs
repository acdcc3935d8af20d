using System.Globalization;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>
/// Which cluster a program talks to: none named (an embedded in-process silo), any of several gateways
/// (<c>--gateway a:1,b:2</c>), or the gateways the cluster's membership table lists (<c>--clustering Redis --redis ...</c>,
/// as the silos themselves are configured). Every shipped client program reads the same flags into one of these.
/// </summary>
/// <remarks>
/// The membership table is the production choice: a silo declared dead (crashed or hung) leaves the list the client
/// reads, and a new silo joins it, so a client needs no restart when the cluster changes. A static list is for clusters
/// without a shared store (Localhost clustering): it cannot tell a hung silo from a live one.
/// </remarks>
public sealed record ClusterAddress
{
    /// <summary>The gateways (host:port) of a static list; empty with membership or embedded.</summary>
    public IReadOnlyList<string> Gateways { get; init; } = [];

    /// <summary><see cref="StoreKinds.Redis"/> or <see cref="StoreKinds.PostgreSql"/> when the gateways come from the membership table.</summary>
    public string? Clustering { get; init; }

    /// <summary>The Redis configuration or Npgsql connection string of that membership table.</summary>
    public string? ClusteringConnection { get; init; }

    public string ClusterId { get; init; } = ActorsSiloOptions.DefaultClusterId;

    public string ServiceId { get; init; } = ActorsSiloOptions.DefaultServiceId;

    /// <summary>Nothing named: the program starts an embedded silo.</summary>
    public bool IsEmbedded => Gateways.Count == 0 && Clustering is null;

    public static ClusterAddress Embedded { get; } = new();

    /// <summary>Any of <paramref name="gateways"/> (each host:port).</summary>
    public static ClusterAddress OfGateways(IEnumerable<string> gateways, string clusterId, string serviceId) =>
        new() { Gateways = [.. gateways], ClusterId = clusterId, ServiceId = serviceId };

    /// <summary>
    /// Reads the flags every client program shares. <paramref name="gateways"/> is a comma-separated list (several
    /// <c>--gateway</c> values may also be joined by the caller); <paramref name="clustering"/> with its store's
    /// connection (<paramref name="redis"/> or <paramref name="postgres"/>) reads the membership table instead.
    /// </summary>
    /// <exception cref="OptionsValidationException">The flags contradict each other or an address is malformed; the failures name the flags.</exception>
    public static ClusterAddress FromFlags(string? gateways, string? clustering, string? redis, string? postgres,
        string clusterId = ActorsSiloOptions.DefaultClusterId, string serviceId = ActorsSiloOptions.DefaultServiceId, ClusterAddressFlags? names = null)
    {
        var n = names ?? ClusterAddressFlags.Default;
        var list = SplitGateways(gateways);
        var failures = new List<string>();
        foreach (var gateway in list)
        {
            try
            {
                GatewayEndpoint.Parse(gateway, n.Gateway);
            }
            catch (OptionsValidationException e)
            {
                failures.AddRange(e.Failures);
            }
        }

        if (list.GroupBy(g => g, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            failures.Add($"{n.Gateway} names {twice.Key} twice.");
        }

        string? kind = null;
        string? connection = null;
        if (!string.IsNullOrWhiteSpace(clustering))
        {
            var name = clustering.Trim();
            kind = name.Equals(StoreKinds.Redis, StringComparison.OrdinalIgnoreCase) ? StoreKinds.Redis
                : name.Equals(StoreKinds.PostgreSql, StringComparison.OrdinalIgnoreCase) ? StoreKinds.PostgreSql
                : null;
            if (kind is null)
            {
                failures.Add(name.Equals(StoreKinds.Localhost, StringComparison.OrdinalIgnoreCase)
                    ? $"{n.Clustering} Localhost has no membership table to read: name the silos' gateways with {n.Gateway} host:port[,host:port...]."
                    : $"{n.Clustering} '{clustering}': a client reads the membership table of Redis or PostgreSQL.");
            }
            else
            {
                connection = kind == StoreKinds.Redis ? redis : postgres;
                var flag = kind == StoreKinds.Redis ? n.Redis : n.Postgres;
                if (string.IsNullOrWhiteSpace(connection))
                {
                    failures.Add($"{n.Clustering} {kind} needs {flag} <{(kind == StoreKinds.Redis ? "configuration" : "connection string")}> (the store the silos' membership table is in).");
                }

                var other = kind == StoreKinds.Redis ? postgres : redis;
                if (!string.IsNullOrWhiteSpace(other))
                {
                    failures.Add($"{n.Clustering} {kind} reads its membership table through {flag}; {(kind == StoreKinds.Redis ? n.Postgres : n.Redis)} does not apply.");
                }
            }

            if (list.Count > 0)
            {
                failures.Add($"{n.Gateway} names the gateways; {n.Clustering} finds them in the membership table: give one of them.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(redis) || !string.IsNullOrWhiteSpace(postgres))
        {
            failures.Add($"{(string.IsNullOrWhiteSpace(redis) ? n.Postgres : n.Redis)} names the membership store of {n.Clustering} {(string.IsNullOrWhiteSpace(redis) ? StoreKinds.PostgreSql : StoreKinds.Redis)}: give {n.Clustering} too.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(ClusterAddress), typeof(ClusterAddress), failures);
        }

        return new ClusterAddress
        {
            Gateways = list,
            Clustering = kind,
            ClusteringConnection = connection?.Trim(),
            ClusterId = clusterId,
            ServiceId = serviceId,
        };
    }

    /// <summary>"a:1,b:2" (or several such values) as a list; blanks between commas are ignored.</summary>
    public static IReadOnlyList<string> SplitGateways(params IEnumerable<string?> values) =>
        [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    /// <summary>For people: "gateways 10.0.0.5:22112, 10.0.0.6:22112 (cluster 'actors')" or "Redis membership (cluster 'actors')".</summary>
    public override string ToString() =>
        IsEmbedded ? "embedded silo"
        : Clustering is { } kind ? string.Create(CultureInfo.InvariantCulture, $"{kind} membership (cluster '{ClusterId}')")
        : string.Create(CultureInfo.InvariantCulture, $"{(Gateways.Count == 1 ? "gateway" : "gateways")} {string.Join(", ", Gateways)} (cluster '{ClusterId}')");
}

/// <summary>The names a program gives the flags (or settings) of <see cref="ClusterAddress.FromFlags"/>, for its error messages.</summary>
public sealed record ClusterAddressFlags(string Gateway, string Clustering, string Redis, string Postgres)
{
    public static ClusterAddressFlags Default { get; } = new("--gateway", "--clustering", "--redis", "--postgres");
}
