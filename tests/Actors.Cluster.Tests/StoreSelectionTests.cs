using Actors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Cluster.Tests;

/// <summary>Store and membership settings are checked before anything starts; messages name the keys.</summary>
public sealed class StoreSelectionTests
{
    [Fact]
    public void Redis_storage_without_a_connection_string_names_both_keys()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Load(("Actors:Silo:Storage", "Redis")));

        var message = string.Join("; ", e.Failures);
        Assert.Contains("Actors:Silo:Storage = Redis", message, StringComparison.Ordinal);
        Assert.Contains("Actors:Redis:ConnectionString", message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_clustering_and_storage_without_a_connection_string_name_all_three_keys()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Load(("Actors:Silo:Clustering", "PostgreSQL"), ("Actors:Silo:Storage", "PostgreSQL")));

        var failure = Assert.Single(e.Failures);
        Assert.Contains("Actors:Silo:Clustering = PostgreSQL and Actors:Silo:Storage = PostgreSQL", failure, StringComparison.Ordinal);
        Assert.Contains("Actors:PostgreSQL:ConnectionString", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_PostgreSQL_connection_string_is_refused_naming_its_key()
    {
        var e = Assert.Throws<OptionsValidationException>(() =>
            Load(("Actors:Silo:Storage", "PostgreSQL"), ("Actors:PostgreSQL:ConnectionString", "Hots=db")));

        Assert.Contains("Actors:PostgreSQL:ConnectionString", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_storage_kind_is_refused_with_the_allowed_values()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Load(("Actors:Silo:Storage", "Cassandra")));

        Assert.Contains("must be Memory, ProcessMemory, Redis or PostgreSQL", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Redis", null)]
    [InlineData("Localhost", "127.0.0.1:22111")]
    public void Process_memory_storage_is_refused_for_a_cluster_of_several_silos(string clustering, string? primary)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Load(("Actors:Silo:Storage", "ProcessMemory"), ("Actors:Silo:Clustering", clustering),
            ("Actors:Redis:ConnectionString", "127.0.0.1:6379"), ("Actors:Silo:PrimarySiloEndpoint", primary)));

        var failure = Assert.Single(e.Failures);
        Assert.Contains("Actors:Silo:Storage = ProcessMemory", failure, StringComparison.Ordinal);
        Assert.Contains($"Actors:Silo:Clustering = {clustering}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_connection_strings_get_a_pool_cap_unless_they_set_one()
    {
        var capped = Load(("Actors:Silo:Storage", "PostgreSQL"), ("Actors:PostgreSQL:ConnectionString", "Host=db;Username=postgres;Database=actors"));
        var own = ActorsStoreSelection.WithPoolCap("Host=db;Maximum Pool Size=7");

        Assert.Contains("Maximum Pool Size=40", capped.PostgreSqlConnectionString, StringComparison.Ordinal);
        Assert.Contains("Maximum Pool Size=7", own, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;MaxPoolSize=9", 9)]
    [InlineData("Host=db;maximum pool size=9", 9)]
    [InlineData("Host=db;Minimum Pool Size=5", 40)] // a minimum is no cap of its own
    [InlineData("Host=db;Minimum Pool Size=5;Maximum Pool Size=12", 12)]
    public void The_pool_cap_is_left_alone_only_when_a_maximum_is_given(string connectionString, int expectedMaximum)
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(ActorsStoreSelection.WithPoolCap(connectionString));

        Assert.Equal(expectedMaximum, result.MaxPoolSize);
    }

    [Fact]
    public void Memory_storage_and_localhost_clustering_need_no_connection_string()
    {
        var stores = Load();

        Assert.Equal((StoreKinds.Localhost, StoreKinds.Memory), (stores.Clustering, stores.Storage));
        Assert.Null(stores.RedisConnectionString);
    }

    [Fact]
    public void Membership_tuning_defaults_to_the_tuned_profile_and_refuses_a_zero_vote_count()
    {
        var tuned = OptionsLoader.Load<ActorsMembershipOptions>(Config(), ActorsMembershipOptions.SectionName);
        var e = Assert.Throws<OptionsValidationException>(() =>
            OptionsLoader.Load<ActorsMembershipOptions>(Config(("Actors:Membership:NumVotesForDeathDeclaration", "0")), ActorsMembershipOptions.SectionName));

        Assert.True(tuned.IsTuned);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), (tuned.ProbeTimeout, tuned.MinProbeTimeout));
        Assert.Contains("Actors:Membership:NumVotesForDeathDeclaration = '0'", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_max_probe_timeout_below_the_min_is_refused_naming_both()
    {
        var e = Assert.Throws<OptionsValidationException>(() => OptionsLoader.Load<ActorsMembershipOptions>(
            Config(("Actors:Membership:MinProbeTimeout", "00:00:03"), ("Actors:Membership:MaxProbeTimeout", "00:00:02")), ActorsMembershipOptions.SectionName));

        var failure = Assert.Single(e.Failures);
        Assert.Contains("Actors:Membership:MaxProbeTimeout = '00:00:02'", failure, StringComparison.Ordinal);
        Assert.Contains("MinProbeTimeout", failure, StringComparison.Ordinal);
    }

    private static ActorsStoreSelection Load(params (string Key, string? Value)[] settings)
    {
        var configuration = Config(settings);
        var silo = OptionsLoader.Load<ActorsSiloOptions>(configuration, ActorsSiloOptions.SectionName);
        return ActorsStoreSelection.Load(configuration, silo);
    }

    private static IConfiguration Config(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();
}
