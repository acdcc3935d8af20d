using Actors.Domain;
using Actors.Domain.Fraud;
using Actors.Insights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Actors.Accounts;

/// <summary>
/// What every account grain needs from its silo, resolved once and shared by all of them: a field per service in each
/// of millions of activations cost 8 bytes apiece (~48 bytes an account; memory budget: DESIGN.md). Registered by
/// <see cref="AccountGrainServicesRegistration.AddActorsAccountGrains"/>, which every silo's set-up calls.
/// </summary>
public sealed class AccountGrainServices(
    [FromKeyedServices(ActorsConstants.StorageName)] IGrainStorage storage,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<AccountGrain> logger,
    IFraudDetector detector,
    IOptions<NotificationOptions> notifications,
    IServiceProvider services)
{
    public IGrainStorage Storage { get; } = storage;

    public AccountOptions Options { get; } = options.Value;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public IFraudDetector Detector { get; } = detector;

    public NotificationOptions Notifications { get; } = notifications.Value;

    /// <summary>The history pages of every account (holds nothing of any one account).</summary>
    public AccountHistoryStore History { get; } = new(storage, options.Value, time);

    /// <summary>Merchant insights are optional: a host without them registers no key.</summary>
    public PseudonymousUserKey? Pseudonyms { get; } = services.GetService<PseudonymousUserKey>();
}

public static class AccountGrainServicesRegistration
{
    public static IServiceCollection AddActorsAccountGrains(this IServiceCollection services)
    {
        services.TryAddSingleton<AccountGrainServices>();
        return services;
    }
}
