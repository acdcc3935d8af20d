using Actors.Observability.Tests.Infrastructure;

namespace Actors.Observability.Tests;

/// <summary>
/// The Grafana dashboard against a real silo: every metric its PromQL reads is one the silo exports
/// once there has been traffic, and it charts what an operator of this system watches.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class GrafanaDashboardTests(SiloProcessFixture silo)
{
    private static readonly TimeSpan ScrapeDeadline = TimeSpan.FromSeconds(20);
    private readonly (IReadOnlyList<DashboardPanel> Panels, IReadOnlyList<string> VariableQueries) _dashboard = DeployFiles.LoadDashboard();

    private IEnumerable<string> AllExpressions => _dashboard.Panels.SelectMany(p => p.Expressions).Concat(_dashboard.VariableQueries);

    [Fact]
    public async Task Every_metric_the_dashboard_queries_is_exported_by_a_silo_after_traffic()
    {
        var wanted = AllExpressions.SelectMany(PromQl.MetricNames).ToHashSet(StringComparer.Ordinal);
        Assert.True(wanted.Count >= 10, $"the dashboard reads only {wanted.Count} metrics: {string.Join(", ", wanted)}");
        await SampleTraffic.DriveAsync(silo.Client.Grains);

        var exported = PrometheusText.Names(await silo.ScrapeUntilAsync(b => wanted.IsSubsetOf(PrometheusText.Names(b)), ScrapeDeadline));

        var missing = wanted.Except(exported).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{DeployFiles.DashboardPath} queries metrics the silo does not export: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("actors_card_authorizations_total")]
    [InlineData("actors_card_authorization_declines_total")]
    [InlineData("actors_fraud_alerts_total")]
    [InlineData("actors_consent_denials_total")]
    [InlineData("actors_card_authorization_duration_milliseconds_bucket")]
    [InlineData("dotnet_gc_pause_time_seconds_total")]
    [InlineData("dotnet_gc_collections_total")]
    [InlineData("dotnet_gc_last_collection_heap_size_bytes")]
    [InlineData("dotnet_process_cpu_time_seconds_total")]
    [InlineData("dotnet_thread_pool_queue_length_total")]
    public void Dashboard_has_a_panel_for(string metric)
    {
        Assert.True(_dashboard.Panels.Any(p => p.Expressions.Any(e => PromQl.MetricNames(e).Contains(metric))),
            $"no panel of {DeployFiles.DashboardPath} queries {metric}; panels: {string.Join("; ", _dashboard.Panels.Select(p => p.Title))}");
    }

    [Fact]
    public void Every_panel_reads_the_provisioned_prometheus_datasource()
    {
        var datasources = (List<object?>)DeployFiles.LoadYaml(DeployFiles.DatasourcesPath)["datasources"]!;
        var prometheus = datasources.Cast<Dictionary<object, object?>>().Single(d => (string?)d["type"] == "prometheus");
        Assert.Equal("http://prometheus:9090", prometheus["url"]);
        foreach (var panel in _dashboard.Panels)
        {
            Assert.True(panel.DatasourceUids.Count > 0 && panel.DatasourceUids.All(uid => uid == (string?)prometheus["uid"]),
                $"panel '{panel.Title}' reads datasource(s) {string.Join(", ", panel.DatasourceUids)}, not the provisioned '{prometheus["uid"]}'");
        }
    }

    [Theory]
    [InlineData("histogram_quantile(0.99, sum by (instance, le) (rate(actors_x_bucket{instance=~\"$instance\",le!=\"0.5\"}[$__rate_interval])))", "actors_x_bucket")]
    [InlineData("sum(rate(a_sum[5m])) / sum(rate(a_count[5m])) > bool 1e3", "a_sum a_count")]
    [InlineData("label_values(target_info{service_name=\"actors-silo\"}, instance)", "target_info")]
    [InlineData("count(up == 1) or vector(0)", "up")]
    public void Metric_names_are_read_out_of_promql(string expression, string names)
    {
        Assert.Equal(names.Split(' ').Order(StringComparer.Ordinal), PromQl.MetricNames(expression).Order(StringComparer.Ordinal));
    }
}
