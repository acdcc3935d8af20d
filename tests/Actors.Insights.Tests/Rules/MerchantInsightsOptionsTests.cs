using Actors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Insights.Tests.Rules;

public sealed class MerchantInsightsOptionsTests
{
    [Fact]
    public void Defaults_are_valid_with_k_10()
    {
        var options = new MerchantInsightsOptions();

        Assert.Empty(MerchantInsightsOptionsValidator.Failures(options));
        Assert.Equal(10, options.K);
        Assert.Equal(TimeSpan.FromSeconds(1), options.FlushInterval);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-10)]
    public void K_below_2_is_refused_naming_the_option(int k)
    {
        var failure = Assert.Single(MerchantInsightsOptionsValidator.Failures(new MerchantInsightsOptions { K = k }));

        Assert.StartsWith("Actors:Insights:K must be at least 2", failure, StringComparison.Ordinal);
        Assert.Contains($"'{k}'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_bad_settings_are_each_named()
    {
        var failures = MerchantInsightsOptionsValidator.Failures(new MerchantInsightsOptions
        {
            FlushInterval = TimeSpan.Zero,
            MaxPendingBatches = 0,
            PseudonymSecret = "short",
        });

        Assert.Equal(
            ["Actors:Insights:FlushInterval", "Actors:Insights:MaxPendingBatches", "Actors:Insights:PseudonymSecret"],
            failures.Select(f => f.Split(' ')[0]));
        Assert.DoesNotContain(failures, f => f.Contains("short", StringComparison.Ordinal)); // a secret is never echoed
    }

    [Fact]
    public void AddActorsInsights_refuses_k_1_from_configuration_naming_the_key()
    {
        var builder = Builder(new() { ["Actors:Insights:K"] = "1" });

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddActorsInsights());

        Assert.Contains("Actors:Insights:K", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddActorsInsights_refuses_an_unknown_setting()
    {
        var builder = Builder(new() { ["Actors:Insights:Kay"] = "12" });

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddActorsInsights());

        Assert.Contains("Kay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddActorsInsights_registers_the_configured_options()
    {
        var builder = Builder(new() { ["Actors:Insights:K"] = "25", ["Actors:Insights:FlushInterval"] = "00:00:05" });

        builder.AddActorsInsights();

        using var services = builder.Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<MerchantInsightsOptions>>().Value;
        Assert.Equal((25, TimeSpan.FromSeconds(5)), (options.K, options.FlushInterval));
        Assert.NotNull(services.GetRequiredService<PseudonymousUserKey>());
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
