using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Actors.Hosting;

/// <summary>
/// Refuses to start on a port another process already listens on. Orleans' socket listener binds with
/// address reuse (on Linux .NET's ReuseAddress sets SO_REUSEPORT too), so a second silo on the same ports
/// would otherwise start, print "ready" and share the ports with the first: clients split between two
/// clusters. Each port is probe-bound first, with SO_REUSEADDR only (Linux), which succeeds over
/// connections lingering in TIME_WAIT but fails while any socket listens there, reuse or not.
/// A start racing another start can still slip between the probe and Orleans' bind; start-up one at a time
/// (as scripts/local-cluster.sh does) is not affected.
/// </summary>
public static class PortGuard
{
    private const int SolSocket = 1; // SOL_SOCKET on Linux
    private const int SoReuseAddr = 2; // SO_REUSEADDR on Linux

    /// <summary>The silo's listening ports with the option that sets each; the HTTP port only when on.</summary>
    public static IReadOnlyList<GuardedPort> SiloPorts(ActorsSiloOptions silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var advertised = IPAddress.TryParse(silo.AdvertisedAddress, out var address) ? address : IPAddress.Loopback;
        var ports = new List<GuardedPort>
        {
            new(advertised, silo.SiloPort, "--silo-port", $"{ActorsSiloOptions.SectionName}:SiloPort"),
            new(advertised, silo.GatewayPort, "--gateway-port", $"{ActorsSiloOptions.SectionName}:GatewayPort"),
        };
        if (silo.HttpPort != 0)
        {
            // The web host listens on every interface, so any listener on the port conflicts.
            ports.Add(new(IPAddress.Any, silo.HttpPort, "--http-port", $"{ActorsSiloOptions.SectionName}:HttpPort"));
        }

        return ports;
    }

    /// <summary>
    /// The ports of ASP.NET Core listen URLs ("http://127.0.0.1:5080;http://*:5081"): localhost as loopback,
    /// * + and host names as every interface; URLs without a port or with port 0 are left out.
    /// </summary>
    public static IReadOnlyList<GuardedPort> UrlPorts(string urls, string flag, string key)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var ports = new List<GuardedPort>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var authority = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            authority = authority.Split('/', 2)[0];
            var colon = authority.LastIndexOf(':');
            if (colon < 0 || !int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
            {
                continue;
            }

            var host = authority[..colon].Trim('[', ']');
            var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
                : IPAddress.TryParse(host, out var parsed) ? parsed
                : IPAddress.Any;
            if (address.Equals(IPAddress.IPv6Any))
            {
                address = IPAddress.Any;
            }

            ports.Add(new GuardedPort(address, port, flag, key));
        }

        return ports;
    }

    /// <exception cref="PortInUseException">A port is taken; the message names it and the option that sets it.</exception>
    public static void EnsureFree(IEnumerable<GuardedPort> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        foreach (var port in ports)
        {
            if (!IsFree(port.Address, port.Port))
            {
                throw new PortInUseException(port);
            }
        }
    }

    /// <summary>Whether nothing listens on <paramref name="address"/>:<paramref name="port"/> (a probe bind).</summary>
    public static bool IsFree(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            // Not Socket.ExclusiveAddressUse/ReuseAddress: on Linux the latter also sets SO_REUSEPORT,
            // which would let the probe share the port with a reuse listener.
            probe.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }
        else
        {
            probe.ExclusiveAddressUse = true;
        }

        try
        {
            probe.Bind(new IPEndPoint(address, port));
            probe.Listen(1);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps, as Kestrel's start-up does) says an address
    /// was in use: for hosts that learn it from their web server rather than from <see cref="EnsureFree"/>.
    /// </summary>
    public static bool IsAddressInUse(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || e.GetType().Name == "AddressInUseException")
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A port a host listens on and the command-line flag and configuration key that set it.</summary>
public sealed record GuardedPort(IPAddress Address, int Port, string Flag, string Key)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}:{Port}");
}

/// <summary>A port is already in use; the message is one line naming it and how to choose another.</summary>
public sealed class PortInUseException : Exception
{
    public PortInUseException(GuardedPort port)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Port {port.Port} is already in use ({port.Address}:{port.Port}, set by {port.Flag} / {port.Key}): another process listens there; stop it or choose another port."))
    {
        Port = port;
    }

    public PortInUseException()
    {
    }

    public PortInUseException(string message)
        : base(message)
    {
    }

    public PortInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GuardedPort? Port { get; }
}
