using Actors.Cluster.Tests.Infrastructure;
using Actors.Hosting;
using Npgsql;

namespace Actors.Cluster.Tests;

/// <summary>'silo migrate' against a real PostgreSQL: creates the database and schema, is safe to repeat, fails clearly.</summary>
[Collection(StoresCollection.Name)]
public sealed class MigrationTests(StoresFixture stores)
{
    [PostgresFact]
    public async Task Migrate_creates_the_schema_then_skips_unchanged_scripts_and_survives_a_lost_history()
    {
        var connection = (await stores.PostgresAsync()).ConnectionString($"migrate_{Guid.NewGuid():N}"[..20]);
        var log = new List<string>();

        var first = await new PostgreSqlMigrator(connection, log.Add).MigrateAsync();
        var second = await new PostgreSqlMigrator(connection, log.Add).MigrateAsync();
        await Execute(connection, "DROP TABLE actors_schema_migrations");
        var third = await new PostgreSqlMigrator(connection, log.Add).MigrateAsync(); // every script runs again over an existing schema

        Assert.All(first, line => Assert.EndsWith(": applied", line, StringComparison.Ordinal));
        Assert.All(second, line => Assert.Contains("unchanged (skipped)", line, StringComparison.Ordinal));
        Assert.All(third, line => Assert.EndsWith(": applied", line, StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("created", StringComparison.Ordinal));
        Assert.Equal(20L, await Scalar(connection, "SELECT count(*) FROM OrleansQuery"));
        Assert.Equal(4L, await Scalar(connection,
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orleansmembershiptable', 'orleansmembershipversiontable', 'orleansstorage', 'orleansreminderstable')"));
    }

    [PostgresFact]
    public async Task Silo_migrate_exits_1_naming_the_server_when_nothing_listens_and_2_on_bad_arguments()
    {
        var port = FreePorts.Get(1)[0];

        var unreachable = await RunMigrate("--postgres", $"Host=127.0.0.1;Port={port};Username=postgres;Database=actors;Timeout=5");
        var badArguments = await RunMigrate("--pg", "x");
        var badConnection = await RunMigrate("--postgres", "Hots=db");

        Assert.True(unreachable.ExitCode == 1, unreachable.Output);
        Assert.Contains($"127.0.0.1:{port}", unreachable.Output, StringComparison.Ordinal);
        Assert.True(badArguments.ExitCode == 2, badArguments.Output);
        Assert.Contains("expected exactly --postgres", badArguments.Output, StringComparison.Ordinal);
        Assert.True(badConnection.ExitCode == 2, badConnection.Output);
        Assert.Contains("not an Npgsql connection string", badConnection.Output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunMigrate(params string[] args) =>
        Shell.RunAsync("dotnet", [RepositoryLayout.SiloDll, "migrate", .. args], TimeSpan.FromSeconds(60));

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
