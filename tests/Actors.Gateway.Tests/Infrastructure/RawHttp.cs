using System.Net.Sockets;
using System.Text;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>One HTTP/1.1 exchange written byte for byte, for requests HttpClient would not send (or would fix up).</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static async Task<RawHttpResponse> Send(Uri gateway, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        await stream.FlushAsync();

        // The server closes the connection after its answer (Connection: close, or a request it refused).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"No complete HTTP response: '{text}'");
        var lines = text[..split].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new RawHttpResponse(status, headers, text[(split + 4)..]);
    }
}
