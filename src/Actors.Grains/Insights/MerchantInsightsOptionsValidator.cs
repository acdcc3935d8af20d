using System.Globalization;
using Microsoft.Extensions.Options;

namespace Actors.Insights;

/// <summary>
/// Refuses bad <see cref="MerchantInsightsOptions"/>, naming each offending setting by its full
/// configuration key (e.g. <c>Actors:Insights:K</c>) and the value found.
/// </summary>
public sealed class MerchantInsightsOptionsValidator : IValidateOptions<MerchantInsightsOptions>
{
    public const int MinimumSecretLength = 16;
    private static readonly TimeSpan MinFlushInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxFlushInterval = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, MerchantInsightsOptions options)
    {
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <exception cref="OptionsValidationException">Some setting is invalid; every failure names its key.</exception>
    public static void ThrowIfInvalid(MerchantInsightsOptions options)
    {
        var failures = Failures(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(MerchantInsightsOptions.SectionName, typeof(MerchantInsightsOptions), failures);
        }
    }

    public static IReadOnlyList<string> Failures(MerchantInsightsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Require(failures, options.K >= MerchantInsightsOptions.MinimumK, nameof(options.K), options.K,
            $"must be at least {MerchantInsightsOptions.MinimumK}: a bucket of one user is that user's spending");
        Require(failures, options.FlushInterval >= MinFlushInterval && options.FlushInterval <= MaxFlushInterval, nameof(options.FlushInterval),
            options.FlushInterval, "must be between 00:00:00.010 and 01:00:00");
        Require(failures, options.MaxPendingBatches >= 1, nameof(options.MaxPendingBatches), options.MaxPendingBatches, "must be at least 1");
        Require(failures, options.PseudonymSecret is { Length: >= MinimumSecretLength }, nameof(options.PseudonymSecret),
            options.PseudonymSecret is null ? null : $"{options.PseudonymSecret.Length} characters",
            $"must be at least {MinimumSecretLength} characters");
        return failures;
    }

    private static void Require(List<string> failures, bool ok, string option, object? value, string rule)
    {
        if (!ok)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{MerchantInsightsOptions.SectionName}:{option} {rule} (was '{value ?? "null"}')."));
        }
    }
}
