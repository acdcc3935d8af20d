using Actors.Gateway.Hosting;
using Actors.Gateway.Options;
using Actors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Tests;

/// <summary>Bad configuration and arguments are refused at start-up, naming the option; exit code 2.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Credentials:0:Role", "Admin", "Actors:Gateway:Credentials:0:Role")]
    [InlineData("Credentials:0:Subject", "not a bank", "Actors:Gateway:Credentials:0:Subject")]
    [InlineData("Credentials:0:Key", "short", "Actors:Gateway:Credentials:0:Key")]
    [InlineData("Credentials:0:KeyHash", "abc", "Actors:Gateway:Credentials:0")]
    [InlineData("MaxRequestBodyBytes", "10", "MaxRequestBodyBytes")]
    [InlineData("RateLimit:TokenLimit", "0", "Actors:Gateway:RateLimit:TokenLimit")]
    [InlineData("OrleansGateway", "no-port-here", "Actors:Gateway:OrleansGateway")]
    [InlineData("OrleansGateway", "127.0.0.1:22112,nowhere", "--orleans-gateway (Actors:Gateway:OrleansGateway) 'nowhere'")]
    [InlineData("Clustering", "Redis", "--clustering (Actors:Gateway:Clustering) Redis needs --redis (Actors:Redis:ConnectionString)")]
    [InlineData("Surprise", "1", "Surprise")]
    [InlineData("PartnerTokens:SigningKeys:0:Key", "c2hvcnQ=", "Actors:Gateway:PartnerTokens:SigningKeys:0:Key")]
    [InlineData("PartnerTokens:SigningKeys:0:Key", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=", "Actors:Gateway:PartnerTokens:Issuer")]
    [InlineData("PartnerTokens:ClockSkew", "01:00:00", "Actors:Gateway:PartnerTokens:ClockSkew")]
    public void A_bad_setting_is_refused_naming_it(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Actors:Gateway:Credentials:0:Role"] = "Bank",
            ["Actors:Gateway:Credentials:0:Subject"] = "CHASE",
            ["Actors:Gateway:Credentials:0:Key"] = "a-long-enough-bank-key",
            [$"Actors:Gateway:{key}"] = value,
        };
        if (key.EndsWith("KeyHash", StringComparison.Ordinal))
        {
            settings.Remove("Actors:Gateway:Credentials:0:Key");
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var error = Assert.Throws<OptionsValidationException>(() => GatewayOptionsValidator.Load(configuration));
        Assert.Contains(named, string.Join("\n", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_cluster_is_the_membership_table_the_silos_use_with_the_failover_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:Gateway:Clustering"] = "Redis",
            ["Actors:Redis:ConnectionString"] = "127.0.0.1:6379",
            ["Actors:Gateway:ClusterId"] = "prod",
            ["Actors:Client:GatewayListRefreshPeriod"] = "2s",
            ["Actors:Client:ResponseTimeout"] = "00:00:04",
        }).Build();

        var options = GatewayOptionsValidator.Load(configuration);

        Assert.Equal((StoreKinds.Redis, "127.0.0.1:6379", "prod"), (options.Cluster.Clustering, options.Cluster.ClusteringConnection, options.Cluster.ClusterId));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)), (options.Failover.GatewayListRefreshPeriod, options.Failover.ResponseTimeout));
    }

    [Fact]
    public void The_same_key_twice_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:Gateway:Credentials:0:Role"] = "Bank",
            ["Actors:Gateway:Credentials:0:Subject"] = "CHASE",
            ["Actors:Gateway:Credentials:0:Key"] = "one-key-for-two-banks",
            ["Actors:Gateway:Credentials:1:Role"] = "Bank",
            ["Actors:Gateway:Credentials:1:Subject"] = "CITI",
            ["Actors:Gateway:Credentials:1:KeyHash"] = Security.ApiKeyHash.Of("one-key-for-two-banks"),
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => GatewayOptionsValidator.Load(configuration));
        Assert.Contains("configured twice", string.Join("\n", error.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus", "x")]
    [InlineData("--orleans-gateway")]
    [InlineData("--Actors:Gateway:MaxRequestBodyBytes", "1")]
    [InlineData("--orleans-gateway", "nowhere")]
    public async Task Bad_arguments_exit_with_code_2(params string[] args)
    {
        Assert.Equal(2, await GatewayProgram.RunAsync(args));
    }
}
