using Actors.Insights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>
/// Registers merchant insights' options (section <c>Actors:Insights</c>), validated at start-up.
/// Meant to be called from <see cref="ActorsSiloHosting.AddActorsSilo"/>; without it the grains run
/// on the defaults (k = 10, push every second).
/// </summary>
public static class InsightsHosting
{
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names it (e.g. Actors:Insights:K).</exception>
    public static MerchantInsightsOptions AddActorsInsights(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = OptionsLoader.Load<MerchantInsightsOptions>(builder.Configuration, MerchantInsightsOptions.SectionName);
        builder.Services.AddActorsInsights(options);
        return options;
    }

    /// <summary>Registers already-built options (tests, embedded hosts); validates them first.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names it.</exception>
    public static IServiceCollection AddActorsInsights(this IServiceCollection services, MerchantInsightsOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        MerchantInsightsOptionsValidator.ThrowIfInvalid(options);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(PseudonymousUserKey.From(options));
        return services;
    }
}
