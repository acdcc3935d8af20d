using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Actors.Accounts;
using Actors.Client.Tests.Infrastructure;
using Actors.Hosting;

namespace Actors.Observability.Tests;

/// <summary>
/// A silo whose ports are taken stops with exit code 2 and one line naming the port and its option,
/// instead of sharing the ports through address reuse (two clusters answering one address) or
/// aborting with a stack trace.
/// </summary>
public sealed class PortInUseTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Second_silo_on_a_running_silos_ports_exits_2_naming_the_port_and_the_first_keeps_serving()
    {
        var ports = FreePorts.Get(3);
        var clusterId = $"ports-{Guid.NewGuid():N}"[..20];
        using var first = ChildProcess.Start("first silo", RepositoryLayout.SiloDll,
            "--silo-port", Text(ports[0]), "--gateway-port", Text(ports[1]), "--cluster-id", clusterId, "--Actors:Silo:HttpPort=0");
        await first.WaitForLineAsync("Actors silo ready", StartDeadline);
        var gateway = $"127.0.0.1:{Text(ports[1])}";
        await using (var client = await ActorsCluster.ConnectToGatewayAsync(gateway, clusterId, ActorsSiloOptions.DefaultServiceId))
        {
            var account = client.Grains.GetGrain<IAccountGrain>("PORT:one");
            await account.Open("owner-one", "EUR");
            await account.Deposit("PORT:one-dep", Money.Money.FromMinor(12_34, "EUR"));
        }

        using var second = ChildProcess.Start("second silo", RepositoryLayout.SiloDll,
            "--silo-port", Text(ports[0]), "--gateway-port", Text(ports[1]), "--cluster-id", clusterId, $"--Actors:Silo:HttpPort={Text(ports[2])}");
        var exit = await second.WaitForExitAsync(ExitDeadline);

        Assert.True(exit == 2, $"exit code {exit}, expected 2:\n{second.Transcript}");
        Assert.Contains($"Port {Text(ports[0])} is already in use", second.Transcript, StringComparison.Ordinal);
        Assert.Contains("--silo-port", second.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("Actors silo ready", second.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Transcript, StringComparison.Ordinal);

        // A fresh client reaches the first silo's state: nothing else answers on its gateway port.
        await using var again = await ActorsCluster.ConnectToGatewayAsync(gateway, clusterId, ActorsSiloOptions.DefaultServiceId);
        var balance = (await again.Grains.GetGrain<IAccountGrain>("PORT:one").GetSnapshot()).Balance;
        Assert.Equal(Money.Money.FromMinor(12_34, "EUR"), balance);
    }

    [Theory]
    [InlineData(1, "--gateway-port", "Actors:Silo:GatewayPort")]
    [InlineData(2, "--http-port", "Actors:Silo:HttpPort")]
    public async Task Silo_exits_2_naming_a_port_another_program_holds(int which, string flag, string key)
    {
        var ports = FreePorts.Get(3);
        using var holder = new TcpListener(which == 2 ? IPAddress.Any : IPAddress.Loopback, ports[which]);
        holder.Start();

        using var silo = ChildProcess.Start("silo", RepositoryLayout.SiloDll,
            "--silo-port", Text(ports[0]), "--gateway-port", Text(ports[1]), $"--Actors:Silo:HttpPort={Text(ports[2])}");
        var exit = await silo.WaitForExitAsync(ExitDeadline);

        Assert.True(exit == 2, $"exit code {exit}, expected 2:\n{silo.Transcript}");
        var lines = silo.Transcript.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains($"Port {Text(ports[which])} is already in use", line, StringComparison.Ordinal);
        Assert.Contains(flag, line, StringComparison.Ordinal);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_sees_a_listener_that_binds_with_address_reuse_and_a_free_port_as_free()
    {
        var port = FreePorts.Get(1)[0];
        Assert.True(PortGuard.IsFree(IPAddress.Loopback, port), $"port {port} should be free");
        using var reuse = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reuse.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        reuse.Bind(new IPEndPoint(IPAddress.Loopback, port));
        reuse.Listen(1);

        Assert.False(PortGuard.IsFree(IPAddress.Loopback, port), $"a reuse listener holds port {port}");
    }

    [Fact]
    public void Listen_urls_give_their_ports_and_addresses_for_the_gateways_probe()
    {
        var ports = PortGuard.UrlPorts("http://127.0.0.1:5080; http://localhost:5081;https://*:5443/;http://[::]:5082;http://example:0", "--urls", "urls");

        Assert.Equal(
            ["127.0.0.1:5080", "127.0.0.1:5081", "0.0.0.0:5443", "0.0.0.0:5082"],
            ports.Select(p => p.ToString()).ToArray());
        Assert.All(ports, p => Assert.Equal("--urls", p.Flag));
    }

    [Fact]
    public void Address_in_use_is_recognised_inside_the_exceptions_a_web_host_wraps_it_in()
    {
        var wrapped = new IOException("Failed to bind", new SocketException((int)SocketError.AddressAlreadyInUse));

        Assert.True(PortGuard.IsAddressInUse(new AggregateException(wrapped)));
        Assert.False(PortGuard.IsAddressInUse(new IOException("disk full")));
    }
}
