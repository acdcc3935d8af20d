namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// One Redis and one PostgreSQL server for the whole test run, each started on first use. Tests
/// keep apart by cluster/service id (Redis) and by database name (PostgreSQL).
/// </summary>
public sealed class StoresFixture : IAsyncLifetime
{
    private readonly Lazy<Task<RedisServer>> _redis = new(RedisServer.StartAsync);
    private readonly Lazy<Task<PostgresServer>> _postgres = new(PostgresServer.StartAsync);

    public Task<RedisServer> RedisAsync() => _redis.Value;

    public Task<PostgresServer> PostgresAsync() => _postgres.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 disposes fixtures through IAsyncLifetime (IAsyncDisposable alone is ignored, leaving servers running).
    public async Task DisposeAsync()
    {
        if (_redis.IsValueCreated)
        {
            await (await _redis.Value).DisposeAsync();
        }

        if (_postgres.IsValueCreated)
        {
            await (await _postgres.Value).DisposeAsync();
        }
    }
}

/// <summary>Every test class that uses the stores runs in this one collection (one at a time: the machine has 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class StoresCollection : ICollectionFixture<StoresFixture>
{
    public const string Name = "stores";
}
