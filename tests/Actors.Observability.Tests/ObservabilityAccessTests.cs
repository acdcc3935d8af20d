using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Actors.Client.Tests.Infrastructure;
using Actors.Hosting;

namespace Actors.Observability.Tests;

/// <summary>
/// Who reaches a silo's dashboard and metrics: by default only this machine (the web host binds to loopback), and with
/// Actors:Observability:ApiKey only requests bearing the key; health stays open for orchestrators. A real silo process,
/// real HTTP.
/// </summary>
public sealed class ObservabilityAccessTests : IAsyncLifetime, IDisposable
{
    private const string Key = "test-metrics-key-0123456789";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ChildProcess? _silo;
    private int _httpPort;

    public async Task InitializeAsync()
    {
        var ports = FreePorts.Get(3);
        _httpPort = ports[2];
        _silo = ChildProcess.Start("silo", RepositoryLayout.SiloDll,
            "--silo-port", ports[0].ToString(CultureInfo.InvariantCulture), "--gateway-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--cluster-id", $"obs-key-{Guid.NewGuid():N}"[..20],
            $"--Actors:Silo:HttpPort={_httpPort.ToString(CultureInfo.InvariantCulture)}", $"--Actors:Observability:ApiKey={Key}");
        await _silo.WaitForLineAsync("Actors silo ready", StartDeadline);
        _http.BaseAddress = new Uri($"http://127.0.0.1:{_httpPort.ToString(CultureInfo.InvariantCulture)}");
    }

    public Task DisposeAsync()
    {
        _silo?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/dashboard/")]
    public async Task Without_the_key_the_dashboard_and_metrics_answer_401(string path)
    {
        using var plain = await _http.GetAsync(new Uri(path, UriKind.Relative));
        using var wrong = await Send(path, "not-the-key-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, plain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Bearer", plain.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("# TYPE", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_key_the_metrics_answer_and_a_browser_may_pass_it_to_the_dashboard()
    {
        using var metrics = await Send("/metrics", Key);
        using var dashboard = await _http.GetAsync(new Uri($"/dashboard/?key={Key}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE ", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task Health_answers_without_the_key()
    {
        using var live = await _http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task By_default_the_web_host_listens_on_loopback_only()
    {
        var outside = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (outside is null)
        {
            return; // a machine with loopback only has nothing else to reach the port from (these CI machines have one)
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Record.ExceptionAsync(() => socket.ConnectAsync(new IPEndPoint(outside!, _httpPort)));

        var refused = Assert.IsType<SocketException>(error);
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    private async Task<HttpResponseMessage> Send(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await _http.SendAsync(request);
    }
}
