namespace Actors.Hosting;

/// <summary>
/// Where Redis is (section <c>Actors:Redis</c>): a StackExchange.Redis configuration string such as
/// "127.0.0.1:6379" or "redis:6379,password=...". Needed when clustering or storage is Redis.
/// </summary>
public sealed class RedisStoreOptions
{
    public const string SectionName = "Actors:Redis";

    public string? ConnectionString { get; set; }
}

/// <summary>
/// Where PostgreSQL is (section <c>Actors:PostgreSQL</c>): an Npgsql connection string such as
/// "Host=127.0.0.1;Port=5432;Username=postgres;Database=actors;Maximum Pool Size=40". Needed when
/// clustering or storage is PostgreSQL; apply the schema first with 'silo migrate --postgres "..."'.
/// </summary>
public sealed class PostgreSqlStoreOptions
{
    public const string SectionName = "Actors:PostgreSQL";

    /// <summary>
    /// Pool cap used when the connection string names none. Npgsql's own default (100 per process)
    /// exhausts PostgreSQL's default max_connections (100) with one silo and one client.
    /// </summary>
    public const int DefaultMaximumPoolSize = 40;

    public string? ConnectionString { get; set; }
}
