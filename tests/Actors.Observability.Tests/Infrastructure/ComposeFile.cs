using System.Text.RegularExpressions;
using Actors.Client.Tests.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Actors.Observability.Tests.Infrastructure;

/// <summary>One service of docker-compose.yml, reduced to what the tests compare with the hosts' configuration.</summary>
public sealed record ComposeService(
    string Name,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<(int Host, int Container)> Ports,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> HealthcheckTest,
    string? Ipv4Address)
{
    /// <summary>image: the image the service runs (and tags, when it also has a build section).</summary>
    public string? Image { get; init; }

    /// <summary>Whether the service has a build section (builds its image rather than only running it).</summary>
    public bool Builds { get; init; }

    /// <summary>profiles: empty means a plain 'docker-compose up' starts the service.</summary>
    public IReadOnlyList<string> Profiles { get; init; } = [];

    /// <summary>depends_on: the services this one waits for (list or map form).</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>volumes: as source and target ("load-reports", "/reports"), with the mode ("ro") when given.</summary>
    public IReadOnlyList<(string Source, string Target, string? Mode)> Volumes { get; init; } = [];

    /// <summary>The service's Actors__... variables as configuration keys (Actors:Silo:SiloPort).</summary>
    public IReadOnlyDictionary<string, string?> ActorsSettings =>
        Environment.Where(e => e.Key.StartsWith("Actors__", StringComparison.Ordinal))
            .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);

    public string? Setting(string key) => ActorsSettings.TryGetValue(key, out var value) ? value : null;

    /// <summary>The value following <paramref name="flag"/> in the command, if present.</summary>
    public string? Flag(string flag)
    {
        var at = Command.ToList().IndexOf(flag);
        return at >= 0 && at + 1 < Command.Count ? Command[at + 1] : null;
    }
}

/// <summary>
/// Reads docker-compose.yml with YamlDotNet, resolving anchors and merge keys (&lt;&lt;: *silo) and
/// ${VARIABLE:-default} (to its default) as Compose does, so each service shows the environment it
/// really gets when no variable is set.
/// </summary>
public static partial class ComposeFile
{
    public static string Path => System.IO.Path.Combine(RepositoryLayout.Root, "docker-compose.yml");

    public static IReadOnlyDictionary<string, ComposeService> Load() => Parse(File.ReadAllText(Path));

    public static IReadOnlyDictionary<string, ComposeService> Parse(string yaml)
    {
        var services = Map(Root(yaml).GetValueOrDefault("services"), "services");
        return services.ToDictionary(s => (string)s.Key, s => Service((string)s.Key, Map(s.Value, $"services.{s.Key}")));
    }

    /// <summary>The names declared under the top-level volumes: (named volumes).</summary>
    public static IReadOnlySet<string> NamedVolumes() =>
        (Root(File.ReadAllText(Path)).GetValueOrDefault("volumes") as Dictionary<object, object?>)?.Keys.Select(k => (string)k).ToHashSet(StringComparer.Ordinal)
        ?? [];

    private static Dictionary<object, object?> Root(string yaml) =>
        new DeserializerBuilder().Build()
            .Deserialize<Dictionary<object, object?>>(new MergingParser(new Parser(new StringReader(Interpolation().Replace(yaml, m => m.Groups["default"].Value)))))
        ?? throw new InvalidDataException("docker-compose.yml is empty.");

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*:?-(?<default>[^}]*)\}")]
    private static partial Regex Interpolation();

    private static ComposeService Service(string name, Dictionary<object, object?> node)
    {
        var environment = node.GetValueOrDefault("environment") switch
        {
            null => new Dictionary<string, string>(),
            Dictionary<object, object?> map => map.ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? ""),
            List<object?> list => list.Select(i => i?.ToString() ?? "").ToDictionary(i => i.Split('=', 2)[0], i => i.Contains('=', StringComparison.Ordinal) ? i.Split('=', 2)[1] : ""),
            var other => throw new InvalidDataException($"services.{name}.environment: unexpected {other.GetType().Name}"),
        };
        var ports = Strings(node.GetValueOrDefault("ports")).Select(p => PortMapping(name, p)).ToList();
        var health = node.GetValueOrDefault("healthcheck") is Dictionary<object, object?> h ? Strings(h.GetValueOrDefault("test")) : [];
        string? address = null;
        if (node.GetValueOrDefault("networks") is Dictionary<object, object?> networks)
        {
            address = networks.Values.OfType<Dictionary<object, object?>>().Select(n => n.GetValueOrDefault("ipv4_address")?.ToString()).FirstOrDefault(a => a is not null);
        }

        var volumes = Strings(node.GetValueOrDefault("volumes")).Select(v => v.Split(':')).Select(v => (v[0], v.Length > 1 ? v[1] : v[0], v.Length > 2 ? v[2] : null)).ToList();
        return new ComposeService(name, environment, ports, Strings(node.GetValueOrDefault("command")), health, address)
        {
            Image = node.GetValueOrDefault("image")?.ToString(),
            Builds = node.ContainsKey("build"),
            Profiles = Strings(node.GetValueOrDefault("profiles")),
            Volumes = volumes,
            DependsOn = node.GetValueOrDefault("depends_on") is Dictionary<object, object?> dependencies ? [.. dependencies.Keys.Select(k => (string)k)] : Strings(node.GetValueOrDefault("depends_on")),
        };
    }

    /// <summary>"host:container" (an optional leading IP and a /tcp suffix allowed).</summary>
    private static (int Host, int Container) PortMapping(string service, string text)
    {
        var parts = text.Split('/')[0].Split(':');
        return parts.Length >= 2 && int.TryParse(parts[^2], out var host) && int.TryParse(parts[^1], out var container)
            ? (host, container)
            : throw new InvalidDataException($"services.{service}.ports: '{text}' is not host:container");
    }

    private static List<string> Strings(object? node) => node switch
    {
        null => [],
        string s => [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries)],
        List<object?> list => list.Select(i => i?.ToString() ?? "").ToList(),
        _ => throw new InvalidDataException($"expected a string or a list, got {node.GetType().Name}"),
    };

    private static Dictionary<object, object?> Map(object? node, string where) =>
        node as Dictionary<object, object?> ?? throw new InvalidDataException($"docker-compose.yml: {where} is not a mapping");
}
