using System.Globalization;
using Actors.Hosting;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL 15 server: initdb into a temporary folder owned by the postgres user, pg_ctl
/// start on a free loopback port (trust authentication), run with su as that user. Stopped and
/// removed at Dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly string? BinFolder = FindBinFolder();
    private readonly string _folder;
    private readonly int _port;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    /// <summary>Why PostgreSQL tests cannot run here, or null.</summary>
    public static string? MissingReason { get; } =
        BinFolder is null ? "PostgreSQL 15 server binaries not found (dpkg -L postgresql-15 | grep bin/initdb$)"
        : Environment.UserName != "root" ? "the PostgreSQL fixture runs the server as the postgres user with su, which needs root"
        : null;

    /// <summary>A connection string to <paramref name="database"/> (created by the migrator when missing), pool capped.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};Maximum Pool Size=20";

    public static async Task<PostgresServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("actors-pg-").FullName;
        var port = FreePorts.Get(1)[0];
        var data = Path.Combine(folder, "data");
        await Shell.RunCheckedAsync("chown", "-R", "postgres", folder);
        await AsPostgres($"'{BinFolder}/initdb' -D '{data}' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        await AsPostgres($"'{BinFolder}/pg_ctl' -D '{data}' -l '{folder}/log' -o '-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=200' -w start");
        return new PostgresServer(folder, port);
    }

    public async ValueTask DisposeAsync()
    {
        await Shell.RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", $"'{BinFolder}/pg_ctl' -D '{_folder}/data' -m immediate -w stop"], TimeSpan.FromSeconds(30));
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static Task<string> AsPostgres(string command) => Shell.RunCheckedAsync("su", "postgres", "-s", "/bin/sh", "-c", command);

    private static string? FindBinFolder()
    {
        foreach (var version in new[] { "15", "16", "17" })
        {
            var folder = $"/usr/lib/postgresql/{version}/bin";
            if (File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            {
                return folder;
            }
        }

        return null;
    }
}
