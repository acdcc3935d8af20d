using Actors.Hosting;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>The silo flags for one store used for clustering, grain state and reminders alike.</summary>
public static class StoreArgs
{
    public static async Task<string[]> RedisAsync(StoresFixture stores) =>
        ["--clustering", StoreKinds.Redis, "--storage", StoreKinds.Redis, "--redis", (await stores.RedisAsync()).ConnectionString];

    /// <summary>Migrates a fresh database named <paramref name="database"/> first, as an operator would with 'silo migrate'.</summary>
    public static async Task<string[]> PostgresAsync(StoresFixture stores, string database)
    {
        var connection = (await stores.PostgresAsync()).ConnectionString(database);
        await new PostgreSqlMigrator(connection, _ => { }).MigrateAsync();
        return ["--clustering", StoreKinds.PostgreSql, "--storage", StoreKinds.PostgreSql, "--postgres", connection];
    }

    /// <summary>Accounts remember every id and flush history on every posting, so tests can count postings exactly after a kill -9.</summary>
    public static readonly string[] ExactAccounts =
    [
        "--Actors:Accounts:IdempotencyWindow=4096",
        "--Actors:Accounts:HistoryCapacity=10000",
        "--Actors:Accounts:HistoryPageSize=1",
    ];
}
