namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>A test that needs a real redis-server; skipped, with the reason, only when none is installed.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        Skip = RedisServer.MissingReason;
    }
}

/// <summary>A test that needs the PostgreSQL 15 server binaries (and root to run them as postgres); skipped with the reason otherwise.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresServer.MissingReason;
    }
}
