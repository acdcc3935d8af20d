using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Actors.Hosting;

/// <summary>
/// The stores a silo uses, resolved and checked together before anything starts: a Redis or
/// PostgreSQL choice without its connection string (or with one that does not parse) stops start-up
/// with a message naming both keys.
/// </summary>
public sealed class ActorsStoreSelection
{
    private ActorsStoreSelection(string clustering, string storage, string? redis, string? postgreSql)
    {
        Clustering = clustering;
        Storage = storage;
        RedisConnectionString = redis;
        PostgreSqlConnectionString = postgreSql;
    }

    public string Clustering { get; }

    public string Storage { get; }

    /// <summary>Set when clustering or storage is Redis.</summary>
    public string? RedisConnectionString { get; }

    /// <summary>Set when clustering or storage is PostgreSQL; carries a pool cap (see <see cref="PostgreSqlStoreOptions.DefaultMaximumPoolSize"/>).</summary>
    public string? PostgreSqlConnectionString { get; }

    /// <summary>In-memory storage and localhost clustering: what embedded silos and the test cluster use.</summary>
    public static ActorsStoreSelection InMemory { get; } = new(StoreKinds.Localhost, StoreKinds.Memory, null, null);

    /// <exception cref="OptionsValidationException">A store is chosen without a usable connection string; the message names both keys.</exception>
    public static ActorsStoreSelection Load(IConfiguration configuration, ActorsSiloOptions silo)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(silo);
        var redis = OptionsLoader.Load<RedisStoreOptions>(configuration, RedisStoreOptions.SectionName);
        var postgres = OptionsLoader.Load<PostgreSqlStoreOptions>(configuration, PostgreSqlStoreOptions.SectionName);
        var failures = new List<string>();
        string? redisConnection = null;
        string? postgresConnection = null;

        var users = Users(silo, StoreKinds.Redis);
        if (users.Count > 0)
        {
            redisConnection = CheckRedis(redis.ConnectionString, users, failures);
        }

        users = Users(silo, StoreKinds.PostgreSql);
        if (users.Count > 0)
        {
            postgresConnection = CheckPostgreSql(postgres.ConnectionString, users, failures);
        }

        if (silo.Storage == StoreKinds.ProcessMemory && (silo.Clustering != StoreKinds.Localhost || !string.IsNullOrEmpty(silo.PrimarySiloEndpoint)))
        {
            failures.Add($"{ActorsSiloOptions.SectionName}:Storage = {StoreKinds.ProcessMemory} keeps grain state inside one silo process, "
                + $"but {ActorsSiloOptions.SectionName}:Clustering = {silo.Clustering}"
                + (string.IsNullOrEmpty(silo.PrimarySiloEndpoint) ? string.Empty : $" with a PrimarySiloEndpoint")
                + $" forms a cluster of several silos: use {StoreKinds.Memory}, {StoreKinds.Redis} or {StoreKinds.PostgreSql}.");
        }

        return failures.Count == 0
            ? new ActorsStoreSelection(silo.Clustering, silo.Storage, redisConnection, postgresConnection)
            : throw new OptionsValidationException(ActorsSiloOptions.SectionName, typeof(ActorsStoreSelection), failures);
    }

    /// <summary>
    /// Parses an Npgsql connection string and caps its pool at <see cref="PostgreSqlStoreOptions.DefaultMaximumPoolSize"/>
    /// unless it sets "Maximum Pool Size" (or its alias "MaxPoolSize") itself.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not an Npgsql connection string.</exception>
    public static string WithPoolCap(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!MaximumPoolSizeKeys.Any(given.ContainsKey))
        {
            builder.MaxPoolSize = PostgreSqlStoreOptions.DefaultMaximumPoolSize;
        }

        return builder.ConnectionString;
    }

    // "Minimum Pool Size" must not count: matching on "pool size" alone once left such pools uncapped.
    private static readonly string[] MaximumPoolSizeKeys = ["Maximum Pool Size", "MaxPoolSize"];

    private static List<string> Users(ActorsSiloOptions silo, string kind)
    {
        var users = new List<string>(2);
        if (silo.Clustering == kind)
        {
            users.Add($"{ActorsSiloOptions.SectionName}:Clustering = {kind}");
        }

        if (silo.Storage == kind)
        {
            users.Add($"{ActorsSiloOptions.SectionName}:Storage = {kind}");
        }

        return users;
    }

    private static string? CheckRedis(string? text, List<string> users, List<string> failures)
    {
        var key = $"{RedisStoreOptions.SectionName}:ConnectionString";
        if (string.IsNullOrWhiteSpace(text))
        {
            failures.Add($"{string.Join(" and ", users)} needs {key} (e.g. 127.0.0.1:6379), which is not set");
            return null;
        }

        try
        {
            _ = ConfigurationOptions.Parse(text);
            return text;
        }
        catch (ArgumentException e)
        {
            failures.Add($"{key} (needed by {string.Join(" and ", users)}) is not a Redis configuration string: {e.Message}");
            return null;
        }
    }

    private static string? CheckPostgreSql(string? text, List<string> users, List<string> failures)
    {
        var key = $"{PostgreSqlStoreOptions.SectionName}:ConnectionString";
        if (string.IsNullOrWhiteSpace(text))
        {
            failures.Add($"{string.Join(" and ", users)} needs {key} (e.g. Host=127.0.0.1;Username=postgres;Database=actors;Maximum Pool Size=40), which is not set");
            return null;
        }

        try
        {
            return WithPoolCap(text);
        }
        catch (ArgumentException e)
        {
            // Npgsql names the offending keyword; the password, if any, is not echoed.
            failures.Add($"{key} (needed by {string.Join(" and ", users)}) is not an Npgsql connection string: {e.Message}");
            return null;
        }
    }
}
