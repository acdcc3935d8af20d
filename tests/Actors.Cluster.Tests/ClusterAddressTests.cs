using Actors.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Cluster.Tests;

/// <summary>The connection flags every client program shares: what they name, and the messages when they contradict each other.</summary>
public sealed class ClusterAddressTests
{
    [Fact]
    public void Nothing_named_is_the_embedded_silo()
    {
        var address = ClusterAddress.FromFlags(null, null, null, null);

        Assert.True(address.IsEmbedded);
        Assert.Empty(address.Gateways);
    }

    [Fact]
    public void Several_gateways_are_read_from_a_comma_separated_list_in_order()
    {
        var address = ClusterAddress.FromFlags(" 127.0.0.1:22112, 127.0.0.1:22113 ,127.0.0.1:22114", null, null, null, "c1", "s1");

        Assert.Equal(["127.0.0.1:22112", "127.0.0.1:22113", "127.0.0.1:22114"], address.Gateways);
        Assert.Equal(("c1", "s1"), (address.ClusterId, address.ServiceId));
        Assert.False(address.IsEmbedded);
        Assert.Equal("gateways 127.0.0.1:22112, 127.0.0.1:22113, 127.0.0.1:22114 (cluster 'c1')", address.ToString());
    }

    [Theory]
    [InlineData("redis", "Redis", "127.0.0.1:6379", null)]
    [InlineData("PostgreSQL", "PostgreSQL", null, "Host=db;Username=actors;Database=actors")]
    public void Clustering_reads_the_membership_table_through_its_store(string given, string kind, string? redis, string? postgres)
    {
        var address = ClusterAddress.FromFlags(null, given, redis, postgres);

        Assert.Equal(kind, address.Clustering);
        Assert.Equal(redis ?? postgres, address.ClusteringConnection);
        Assert.Empty(address.Gateways);
        Assert.Equal($"{kind} membership (cluster 'actors')", address.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1:1", "Redis", "r:6379", null, "--gateway names the gateways; --clustering finds them in the membership table: give one of them.")]
    [InlineData(null, "Redis", null, null, "--clustering Redis needs --redis")]
    [InlineData(null, "PostgreSQL", "r:6379", null, "--clustering PostgreSQL needs --postgres")]
    [InlineData(null, "Redis", "r:6379", "Host=db", "--postgres does not apply")]
    [InlineData(null, "Localhost", null, null, "--clustering Localhost has no membership table to read")]
    [InlineData(null, "Consul", null, null, "--clustering 'Consul': a client reads the membership table of Redis or PostgreSQL.")]
    [InlineData(null, null, "r:6379", null, "--redis names the membership store of --clustering Redis: give --clustering too.")]
    [InlineData("127.0.0.1:1,127.0.0.1:1", null, null, null, "--gateway names 127.0.0.1:1 twice.")]
    [InlineData("127.0.0.1:1,nowhere", null, null, null, "--gateway 'nowhere': expected host:port")]
    [InlineData("127.0.0.1:99999", null, null, null, "--gateway '127.0.0.1:99999': the port must be a number from 1 to 65535")]
    public void Contradicting_or_malformed_flags_are_refused_naming_them(string? gateways, string? clustering, string? redis, string? postgres, string expected)
    {
        var e = Assert.Throws<OptionsValidationException>(() => ClusterAddress.FromFlags(gateways, clustering, redis, postgres));

        Assert.Contains(e.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_program_names_its_own_flags_in_the_messages()
    {
        var names = new ClusterAddressFlags("--orleans-gateway", "--clustering", "--redis", "--postgres");

        var e = Assert.Throws<OptionsValidationException>(() => ClusterAddress.FromFlags("bad", null, null, null, names: names));

        Assert.StartsWith("--orleans-gateway 'bad'", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, 5, 10)]
    [InlineData("2s", "1500ms", 2, 1.5)]
    [InlineData("1m", "00:00:30", 60, 30)]
    [InlineData("3", "0.5", 3, 0.5)]
    public void Failover_durations_read_as_the_command_lines_and_configuration_write_them(string? refresh, string? timeout, double refreshSeconds, double timeoutSeconds)
    {
        var options = ClientFailoverOptions.FromFlags(refresh, timeout);

        Assert.Equal(TimeSpan.FromSeconds(refreshSeconds), options.GatewayListRefreshPeriod);
        Assert.Equal(TimeSpan.FromSeconds(timeoutSeconds), options.ResponseTimeout);
    }

    [Theory]
    [InlineData("0s", null, "--gateway-refresh '0s': expected a duration from 1s to 1h")]
    [InlineData("2h", null, "--gateway-refresh '2h': expected a duration from 1s to 1h")]
    [InlineData(null, "100ms", "--response-timeout '100ms': expected a duration from 500ms to 10m")]
    [InlineData(null, "soon", "--response-timeout 'soon'")]
    [InlineData(null, "-5s", "--response-timeout '-5s'")]
    public void Failover_durations_out_of_range_are_refused_naming_the_flag(string? refresh, string? timeout, string expected)
    {
        var e = Assert.Throws<OptionsValidationException>(() => ClientFailoverOptions.FromFlags(refresh, timeout));

        Assert.StartsWith(expected, Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("500ms", 0.5)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("7", 7)]
    [InlineData("00:01:30", 90)]
    public void Durations_parse_in_every_accepted_form(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1s")]
    [InlineData("1e400s")]
    [InlineData("00:00:00")]
    [InlineData("five")]
    public void Durations_that_are_not_positive_or_not_numbers_are_refused(string text) =>
        Assert.False(DurationText.TryParse(text, out _));
}
