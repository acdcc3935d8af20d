using System.Globalization;
using System.Net.Sockets;
using Actors.Hosting;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// A private redis-server on a free loopback port in a temporary folder (no persistence to disk:
/// the tests restart silos, not Redis). Stopped and removed at Dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly int _port;

    private RedisServer(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    /// <summary>Why Redis tests cannot run here, or null when redis-server is on PATH.</summary>
    public static string? MissingReason { get; } = Shell.Which("redis-server") is null
        ? "redis-server is not on PATH (apt-get install -y redis-server; .ci/run installs it)"
        : null;

    public string ConnectionString => $"127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("actors-redis-").FullName;
        var port = FreePorts.Get(1)[0];
        await Shell.RunCheckedAsync("redis-server", "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--daemonize", "yes", "--dir", folder, "--pidfile", Path.Combine(folder, "redis.pid"),
            "--logfile", Path.Combine(folder, "redis.log"), "--save", "", "--appendonly", "no");
        var server = new RedisServer(folder, port);
        await server.WaitListeningAsync(TimeSpan.FromSeconds(20));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        var pidFile = Path.Combine(_folder, "redis.pid");
        if (File.Exists(pidFile))
        {
            await Shell.RunAsync("kill", ["-TERM", (await File.ReadAllTextAsync(pidFile)).Trim()], TimeSpan.FromSeconds(10));
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Redis may still be writing its log while it exits; a leftover temp folder is harmless.
        }
    }

    private async Task WaitListeningAsync(TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", _port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(50);
            }
            catch (SocketException e)
            {
                var log = Path.Combine(_folder, "redis.log");
                throw new TimeoutException($"redis-server did not listen on {_port} within {deadline.TotalSeconds:0} s ({e.Message}). Log:\n{(File.Exists(log) ? File.ReadAllText(log) : "(none)")}");
            }
        }
    }
}
