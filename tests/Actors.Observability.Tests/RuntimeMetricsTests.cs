using System.Globalization;
using Actors.Accounts;
using Actors.Hosting;
using Actors.Observability.Tests.Infrastructure;
using Actors.Telemetry;

namespace Actors.Observability.Tests;

/// <summary>
/// What /metrics of a real silo process carries beyond the domain counters: the .NET runtime meter,
/// the authorization latency histogram and the silo's identity (OpenTelemetry resource as target_info).
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RuntimeMetricsTests(SiloProcessFixture silo)
{
    private const string Duration = "actors_card_authorization_duration_milliseconds";
    private static readonly TimeSpan ScrapeDeadline = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("dotnet_gc_pause_time_seconds_total")]
    [InlineData("dotnet_gc_collections_total")]
    [InlineData("dotnet_gc_last_collection_heap_size_bytes")]
    [InlineData("dotnet_process_cpu_time_seconds_total")]
    [InlineData("dotnet_process_memory_working_set_bytes")]
    [InlineData("dotnet_thread_pool_queue_length_total")]
    [InlineData("dotnet_thread_pool_thread_count_total")]
    public async Task Metrics_endpoint_serves_the_dotnet_runtime_meter(string name)
    {
        var body = await silo.ScrapeAsync();

        Assert.True(PrometheusText.Names(body).Contains(name), $"no {name} in /metrics. {PrometheusText.Excerpt(body, "dotnet_")}");
    }

    [Fact]
    public async Task Gc_collections_are_labelled_by_generation()
    {
        var body = await silo.ScrapeAsync();

        Assert.True(PrometheusText.Value(body, "dotnet_gc_collections_total", "gc_heap_generation", "gen0") >= 0, PrometheusText.Excerpt(body, "dotnet_gc_"));
    }

    [Fact]
    public async Task Authorization_latency_histogram_counts_each_authorization()
    {
        var before = Count(await silo.ScrapeAsync());
        var local = Guid.NewGuid().ToString("N")[..16];
        var account = silo.Client.Grains.GetGrain<IAccountGrain>($"CHASE:lat-{local}");
        await account.Open($"owner-{local}", "USD");
        await account.Deposit($"{local}-dep", Money.Money.FromMinor(10_00, "USD"));
        await account.Authorize(new CardAuthorization($"{local}-1", Money.Money.FromMinor(1_00, "USD"), "m-1", 5411, "US"));
        await account.Authorize(new CardAuthorization($"{local}-2", Money.Money.FromMinor(1_00, "USD"), "m-1", 5411, "US"));

        var body = await silo.ScrapeUntilAsync(b => Count(b) >= before + 2, ScrapeDeadline);

        Assert.True(Count(body) >= before + 2, $"{Duration}_count was {before} before two authorizations and {Count(body)} {ScrapeDeadline.TotalSeconds} s after. {PrometheusText.Excerpt(body, Duration)}");
        var sum = PrometheusText.Parse(body).Single(s => s.Name == $"{Duration}_sum").Value;
        Assert.True(sum > 0, $"{Duration}_sum is {sum}: the authorizations took no time?");
    }

    [Fact]
    public async Task Authorization_latency_histogram_has_the_buckets_from_a_tenth_of_a_millisecond_to_a_second()
    {
        await SampleTraffic.DriveAsync(silo.Client.Grains);
        var body = await silo.ScrapeAsync();

        var bounds = PrometheusText.Parse(body).Where(s => s.Name == $"{Duration}_bucket")
            .Select(s => s.Labels.Split(',').Single(l => l.StartsWith("le=", StringComparison.Ordinal))[4..^1])
            .Where(le => le != "+Inf")
            .Select(le => double.Parse(le, CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(ActorsMetrics.AuthorizationDurationBuckets, bounds);
        Assert.Equal(0.1, bounds[0]);
        Assert.Equal(1000, bounds[^1]);
    }

    [Fact]
    public async Task Metrics_carry_the_service_name_and_the_silo_instance_in_target_info()
    {
        var body = await silo.ScrapeAsync();

        var target = PrometheusText.Parse(body).Where(s => s.Name == "target_info").ToList();
        var info = Assert.Single(target);
        Assert.True(info.Has("service_name", ObservabilityHosting.ServiceName), $"target_info: {info.Labels}");
        Assert.True(info.Has("service_instance_id", $"127.0.0.1:{silo.SiloPort}"), $"target_info should name this silo (127.0.0.1:{silo.SiloPort}): {info.Labels}");
    }

    private static double Count(string body) =>
        PrometheusText.Parse(body).SingleOrDefault(s => s.Name == $"{Duration}_count")?.Value ?? 0;
}
