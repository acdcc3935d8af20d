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
/// Reads docker-compose.yml with YamlDotNet, resolving anchors and merge keys (&lt;&lt;: *silo) as
/// Compose does, so each service shows the environment it really gets.
/// </summary>
public static class ComposeFile
{
    public static string Path => System.IO.Path.Combine(RepositoryLayout.Root, "docker-compose.yml");

    public static IReadOnlyDictionary<string, ComposeService> Load() => Parse(File.ReadAllText(Path));

    public static IReadOnlyDictionary<string, ComposeService> Parse(string yaml)
    {
        var root = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<object, object?>>(new MergingParser(new Parser(new StringReader(yaml))))
            ?? throw new InvalidDataException("docker-compose.yml is empty.");
        var services = Map(root.GetValueOrDefault("services"), "services");
        return services.ToDictionary(s => (string)s.Key, s => Service((string)s.Key, Map(s.Value, $"services.{s.Key}")));
    }

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

        return new ComposeService(name, environment, ports, Strings(node.GetValueOrDefault("command")), health, address);
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
