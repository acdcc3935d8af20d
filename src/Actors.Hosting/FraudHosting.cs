using Actors.Domain.Fraud;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>
/// Registers the fraud detector every account consults (section <c>Actors:Fraud</c>): the built-in
/// rules by default, "none", or a researcher's own class named by <c>Actors:Fraud:Detector</c>.
/// Loaded and validated once, at start-up; a bad setting stops start-up naming it.
/// </summary>
public static class FraudHosting
{
    /// <exception cref="OptionsValidationException">The fraud configuration is invalid; the message names the setting.</exception>
    public static IFraudDetector AddActorsFraudDetection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = OptionsLoader.Load<FraudOptions>(configuration, FraudOptions.SectionName);
        IFraudDetector detector;
        try
        {
            detector = FraudDetectorLoader.Load(options);
        }
        catch (FraudConfigurationException e)
        {
            throw new OptionsValidationException(FraudOptions.SectionName, typeof(FraudOptions), e.Failures);
        }

        services.TryAddSingleton(Options.Create(options));
        services.TryAddSingleton(detector);
        return detector;
    }
}
