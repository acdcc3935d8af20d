using System.Text.Json;
using Actors.Client.Tests.Infrastructure;
using YamlDotNet.Serialization;

namespace Actors.Observability.Tests.Infrastructure;

/// <summary>One panel of the Grafana dashboard: its title, the datasource uids it names and its PromQL queries.</summary>
public sealed record DashboardPanel(string Title, IReadOnlyList<string> DatasourceUids, IReadOnlyList<string> Expressions);

/// <summary>The files under deploy/ that docker-compose.yml mounts into Prometheus and Grafana.</summary>
public static class DeployFiles
{
    public static string PrometheusConfigPath => Path.Combine(RepositoryLayout.Root, "deploy", "prometheus", "prometheus.yml");

    public static string DashboardPath => Path.Combine(RepositoryLayout.Root, "deploy", "grafana", "dashboards", "actors.json");

    public static string DatasourcesPath => Path.Combine(RepositoryLayout.Root, "deploy", "grafana", "provisioning", "datasources", "prometheus.yml");

    public static string DashboardProvidersPath => Path.Combine(RepositoryLayout.Root, "deploy", "grafana", "provisioning", "dashboards", "actors.yml");

    /// <summary>The dashboard's panels (rows' nested panels included) and its template variables' queries.</summary>
    public static (IReadOnlyList<DashboardPanel> Panels, IReadOnlyList<string> VariableQueries) LoadDashboard()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var panels = new List<DashboardPanel>();
        foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
        {
            AddPanel(panel, panels);
        }

        var variables = new List<string>();
        if (document.RootElement.TryGetProperty("templating", out var templating))
        {
            foreach (var variable in templating.GetProperty("list").EnumerateArray().Where(v => v.GetProperty("type").GetString() == "query"))
            {
                var query = variable.GetProperty("query");
                variables.Add(query.ValueKind == JsonValueKind.String ? query.GetString()! : query.GetProperty("query").GetString()!);
            }
        }

        return (panels, variables);
    }

    /// <summary>A YAML file as nested dictionaries and lists.</summary>
    public static Dictionary<object, object?> LoadYaml(string path) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(File.ReadAllText(path))
        ?? throw new InvalidDataException($"{path} is empty.");

    private static void AddPanel(JsonElement panel, List<DashboardPanel> panels)
    {
        if (panel.TryGetProperty("panels", out var nested))
        {
            foreach (var inner in nested.EnumerateArray())
            {
                AddPanel(inner, panels);
            }
        }

        var uids = new List<string>();
        var expressions = new List<string>();
        AddUid(panel, uids);
        if (panel.TryGetProperty("targets", out var targets))
        {
            foreach (var target in targets.EnumerateArray())
            {
                AddUid(target, uids);
                if (target.TryGetProperty("expr", out var expr))
                {
                    expressions.Add(expr.GetString() ?? "");
                }
            }
        }

        if (expressions.Count > 0)
        {
            panels.Add(new DashboardPanel(panel.GetProperty("title").GetString() ?? "", uids, expressions));
        }
    }

    private static void AddUid(JsonElement element, List<string> uids)
    {
        if (element.TryGetProperty("datasource", out var datasource) && datasource.ValueKind == JsonValueKind.Object && datasource.TryGetProperty("uid", out var uid))
        {
            uids.Add(uid.GetString() ?? "");
        }
    }
}
