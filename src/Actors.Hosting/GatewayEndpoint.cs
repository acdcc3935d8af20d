using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>Parses "host:port" as given to <c>--gateway</c> and similar settings.</summary>
public static class GatewayEndpoint
{
    /// <exception cref="OptionsValidationException">The text is not host:port; the message names <paramref name="what"/>.</exception>
    public static IPEndPoint Parse(string? text, string what = "--gateway")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Bad(what, text, "it is empty");
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw Bad(what, text, "expected host:port, e.g. 127.0.0.1:22112");
        }

        var host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw Bad(what, text, "the port must be a number from 1 to 65535");
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var resolved = Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
                ?? throw Bad(what, text, $"host '{host}' has no address");
            return new IPEndPoint(resolved, port);
        }
        catch (SocketException e)
        {
            throw Bad(what, text, $"host '{host}' cannot be resolved ({e.Message})");
        }
    }

    private static OptionsValidationException Bad(string what, string? text, string why) =>
        new(what, typeof(IPEndPoint), [$"{what} '{text}': {why}"]);
}
