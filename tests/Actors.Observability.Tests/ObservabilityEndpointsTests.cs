using System.Net;
using Actors.Accounts;
using Actors.Observability.Tests.Infrastructure;

namespace Actors.Observability.Tests;

/// <summary>The silo executable's web host over real HTTP: health, Prometheus metrics and the Orleans Dashboard.</summary>
[Collection(SiloCollection.Name)]
public sealed class ObservabilityEndpointsTests(SiloProcessFixture silo)
{
    [Fact]
    public async Task Live_endpoint_answers_healthy()
    {
        var (status, body) = await Get("/health/live");

        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        Assert.StartsWith("Healthy", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_endpoint_reports_the_silo_active_in_the_cluster()
    {
        var (status, body) = await Get("/health/ready");

        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        Assert.Contains("silo-active: Healthy", body, StringComparison.Ordinal);
        Assert.Contains("is Active", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_endpoint_serves_orleans_meters_in_prometheus_text()
    {
        var (status, body) = await Get("/metrics");

        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        Assert.Contains("# TYPE ", body, StringComparison.Ordinal);
        Assert.Contains("otel_scope_name=\"Microsoft.Orleans\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_endpoint_counts_card_authorizations_by_outcome_and_declines_by_reason_after_client_calls()
    {
        var local = Guid.NewGuid().ToString("N")[..16];
        var id = $"OBS:{local}";
        var account = silo.Client.Grains.GetGrain<IAccountGrain>(id);
        await account.Open($"owner-{local}", "USD");
        await account.Deposit($"{id}-dep", Money.Money.FromMinor(10_00, "USD"));
        var approved = await account.Authorize(new CardAuthorization($"{id}-ok", Money.Money.FromMinor(2_00, "USD"), "m-1", 5411, "US"));
        var declined = await account.Authorize(new CardAuthorization($"{id}-big", Money.Money.FromMinor(500_00, "USD"), "m-1", 5411, "US"));
        Assert.True(approved.Approved, approved.ToString());
        Assert.False(declined.Approved, declined.ToString());

        // The exporter caches a scrape briefly: poll until the calls show, with a deadline.
        var body = await silo.ScrapeUntilAsync(b =>
            PrometheusText.Value(b, "actors_card_authorizations_total", "outcome", "approved") >= 1
            && PrometheusText.Value(b, "actors_card_authorization_declines_total", "reason", ReasonLabel(declined.Reason)) >= 1, TimeSpan.FromSeconds(30));

        Assert.True(PrometheusText.Value(body, "actors_card_authorizations_total", "outcome", "approved") >= 1, PrometheusText.Excerpt(body, "actors_"));
        Assert.True(PrometheusText.Value(body, "actors_card_authorizations_total", "outcome", "declined") >= 1, PrometheusText.Excerpt(body, "actors_"));
        Assert.True(PrometheusText.Value(body, "actors_card_authorization_declines_total", "reason", ReasonLabel(declined.Reason)) >= 1, PrometheusText.Excerpt(body, "actors_"));
    }

    [Fact]
    public async Task Dashboard_serves_its_page_and_live_cluster_counters()
    {
        var (pageStatus, page) = await Get("/dashboard/");
        var (countersStatus, counters) = await Get("/dashboard/DashboardCounters");

        Assert.True(pageStatus == HttpStatusCode.OK, $"{pageStatus}: {page}");
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        Assert.True(countersStatus == HttpStatusCode.OK, $"{countersStatus}: {counters}");
        Assert.Contains("\"totalActiveHostCount\":1", counters, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Body)> Get(string path)
    {
        using var response = await silo.Http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string ReasonLabel(DeclineReason reason) => reason switch
    {
        DeclineReason.InsufficientFunds => "insufficient_funds",
        DeclineReason.FraudSuspected => "fraud_suspected",
        _ => reason.ToString(),
    };
}
