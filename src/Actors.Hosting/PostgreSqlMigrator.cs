using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Actors.Hosting;

/// <summary>
/// Applies the PostgreSQL schema Orleans' AdoNet providers need (the embedded Sql/*.sql scripts, in
/// name order). Safe to run any number of times: each script is itself idempotent, runs in its own
/// transaction under an advisory lock, and is recorded with its hash in <c>actors_schema_migrations</c>
/// so an unchanged script is skipped. Creates the database when it does not exist yet.
/// </summary>
public sealed class PostgreSqlMigrator
{
    private const string HistoryTable = "actors_schema_migrations";
    private const string ResourcePrefix = "Actors.Hosting.Sql.";

    // Any fixed number: concurrent migrators (several silos' start scripts) take turns.
    private const long AdvisoryLockKey = 0x4163746f7273;

    private readonly string _connectionString;
    private readonly Action<string> _log;

    /// <exception cref="ArgumentException">The text is not an Npgsql connection string.</exception>
    public PostgreSqlMigrator(string connectionString, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _connectionString = ActorsStoreSelection.WithPoolCap(connectionString);
        _log = log;
    }

    /// <summary>The embedded scripts in the order they are applied.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = typeof(PostgreSqlMigrator).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Applies what is missing or changed; returns one line per script saying what was done.</summary>
    /// <exception cref="PostgreSqlMigrationException">The server cannot be reached or a script failed; the message says which.</exception>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(_connectionString);
        try
        {
            await EnsureDatabaseAsync(target, cancellationToken);
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, $"""
                CREATE TABLE IF NOT EXISTS {HistoryTable}
                (
                    script varchar(200) NOT NULL PRIMARY KEY,
                    sha256 char(64) NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """, cancellationToken);

            var done = new List<string>(ScriptNames.Count);
            foreach (var script in ScriptNames)
            {
                done.Add(await ApplyAsync(connection, script, cancellationToken));
                _log(done[^1]);
            }

            return done;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new PostgreSqlMigrationException(
                $"PostgreSQL at {target.Host}:{target.Port} (database '{target.Database}', user '{target.Username}'): {e.Message}", e);
        }
    }

    private async Task<string> ApplyAsync(NpgsqlConnection connection, string script, CancellationToken cancellationToken)
    {
        var text = ReadScript(script);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);

        await using var read = new NpgsqlCommand($"SELECT sha256 FROM {HistoryTable} WHERE script = @script", connection, transaction);
        read.Parameters.AddWithValue("script", script);
        var recorded = await read.ExecuteScalarAsync(cancellationToken) as string;
        if (recorded == hash)
        {
            await transaction.CommitAsync(cancellationToken);
            return $"{script}: already applied, unchanged (skipped)";
        }

        try
        {
            await ExecuteAsync(connection, transaction, text, cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new PostgreSqlMigrationException($"{script} failed and was rolled back: {e.MessageText} (SQLSTATE {e.SqlState})", e);
        }

        await using var record = new NpgsqlCommand($"""
            INSERT INTO {HistoryTable}(script, sha256) VALUES (@script, @sha256)
            ON CONFLICT (script) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = now();
            """, connection, transaction);
        record.Parameters.AddWithValue("script", script);
        record.Parameters.AddWithValue("sha256", hash);
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return recorded is null ? $"{script}: applied" : $"{script}: changed since it was applied, re-applied";
    }

    /// <summary>Creates the target database through the "postgres" maintenance database when it is missing.</summary>
    private async Task EnsureDatabaseAsync(NpgsqlConnectionStringBuilder target, CancellationToken cancellationToken)
    {
        var database = target.Database;
        if (string.IsNullOrEmpty(database) || database == "postgres")
        {
            return;
        }

        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await ExecuteAsync(connection, null, $"CREATE DATABASE {quoted} ENCODING 'UTF8';", cancellationToken);
        _log($"database '{database}': created");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadScript(string script)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + script)
            ?? throw new InvalidOperationException($"Embedded script {script} is missing from {typeof(PostgreSqlMigrator).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>A migration could not reach PostgreSQL or a script failed; the message names the server or the script.</summary>
public sealed class PostgreSqlMigrationException(string message, Exception inner) : Exception(message, inner);
