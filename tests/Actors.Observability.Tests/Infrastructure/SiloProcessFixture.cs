using System.Globalization;
using Actors.Client.Tests.Infrastructure;
using Actors.Hosting;

namespace Actors.Observability.Tests.Infrastructure;

/// <summary>
/// One silo executable for the <see cref="SiloCollection"/>, on free loopback ports with its web host on, plus an Orleans
/// client of its gateway and an HttpClient for its web port.
/// </summary>
public sealed class SiloProcessFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private ChildProcess? _silo;
    private ActorsCluster? _client;

    public string ClusterId { get; } = $"obs-{Guid.NewGuid():N}"[..20];

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The silo-to-silo port; with 127.0.0.1 it is the silo's OpenTelemetry service.instance.id.</summary>
    public int SiloPort { get; private set; }

    /// <summary>GET /metrics: the Prometheus text the silo serves now.</summary>
    public async Task<string> ScrapeAsync()
    {
        using var response = await Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /metrics: {response.StatusCode}: {body}");
        return body;
    }

    /// <summary>
    /// Scrapes until <paramref name="done"/> holds or <paramref name="within"/> has passed, and returns the last
    /// body: counters appear with their first measurement, and the exporter caches a scrape briefly.
    /// </summary>
    public async Task<string> ScrapeUntilAsync(Func<string, bool> done, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + within;
        string body;
        do
        {
            body = await ScrapeAsync();
        }
        while (!done(body) && DateTime.UtcNow < deadline);

        return body;
    }

    public ActorsCluster Client => _client ?? throw new InvalidOperationException("The fixture has not started.");

    public string Transcript => _silo?.Transcript ?? "";

    public async Task InitializeAsync()
    {
        var ports = FreePorts.Get(3);
        string Port(int i) => ports[i].ToString(CultureInfo.InvariantCulture);
        SiloPort = ports[0];
        _silo = ChildProcess.Start("silo", RepositoryLayout.SiloDll,
            "--silo-port", Port(0), "--gateway-port", Port(1), "--cluster-id", ClusterId,
            $"--Actors:Silo:HttpPort={Port(2)}");
        await _silo.WaitForLineAsync("Actors silo ready", StartDeadline);
        Http.BaseAddress = new Uri($"http://127.0.0.1:{Port(2)}");
        _client = await ActorsCluster.ConnectToGatewayAsync($"127.0.0.1:{Port(1)}", ClusterId, ActorsSiloOptions.DefaultServiceId);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        Http.Dispose();
        _silo?.Dispose();
    }
}
