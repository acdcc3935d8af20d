namespace Actors.Domain.Fraud;

/// <summary>
/// Refuses bad fraud options, naming each offending setting by its configuration key. The rules
/// validate their own options when built; <see cref="Validate(FraudOptions)"/> checks everything at
/// once, cross-option rules included, so start-up reports every problem in one message.
/// </summary>
public static class FraudOptionsValidator
{
    private const string Root = FraudOptions.SectionName;
    private const string ScoreRule = "must be 0-1000";
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public static void Validate(FraudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures();
        Check(options.Decision, failures);
        Check(options.Velocity, failures);
        Check(options.AmountOutlier, failures);
        Check(options.ImpossibleTravel, failures);
        Check(options.CardTesting, failures);
        Check(options.RiskyMerchantCategory, failures);
        Check(options.FirstSeenMerchant, failures);
        Check(options.UnfamiliarDevice, failures);
        Check(options.UnusualHour, failures);
        if (options.FirstSeenMerchant is not null && options.Decision is not null)
        {
            failures.Require(options.FirstSeenMerchant.Score < options.Decision.DeclineScore, Root + ":FirstSeenMerchant", nameof(FirstSeenMerchantRuleOptions.Score),
                options.FirstSeenMerchant.Score, $"must be below {Root}:Decision:DeclineScore ({options.Decision.DeclineScore}): a first-seen merchant alone must not decline");
        }

        failures.ThrowIfAny();
    }

    public static void Validate(FraudDecisionOptions options) => Run(options, Check);

    public static void Validate(VelocityRuleOptions options) => Run(options, Check);

    public static void Validate(AmountOutlierRuleOptions options) => Run(options, Check);

    public static void Validate(ImpossibleTravelRuleOptions options) => Run(options, Check);

    public static void Validate(CardTestingRuleOptions options) => Run(options, Check);

    public static void Validate(RiskyMerchantCategoryRuleOptions options) => Run(options, Check);

    public static void Validate(FirstSeenMerchantRuleOptions options) => Run(options, Check);

    public static void Validate(UnfamiliarDeviceRuleOptions options) => Run(options, Check);

    public static void Validate(UnusualHourRuleOptions options) => Run(options, Check);

    private static void Run<T>(T options, Action<T?, OptionFailures> check)
    {
        var failures = new OptionFailures();
        check(options, failures);
        failures.ThrowIfAny();
    }

    private static bool Present(object? options, string section, OptionFailures failures)
    {
        failures.Require(options is not null, Root, section, null, "must be a section, not null");
        return options is not null;
    }

    private static void Check(FraudDecisionOptions? o, OptionFailures f)
    {
        const string S = Root + ":Decision";
        if (!Present(o, "Decision", f))
        {
            return;
        }

        f.Require(o!.AlertScore is >= 1 and <= FraudDecisionOptions.Never, S, nameof(o.AlertScore), o.AlertScore, "must be 1-1001 (1001 = never)");
        f.Require(o.DeclineScore >= o.AlertScore && o.DeclineScore <= FraudDecisionOptions.Never, S, nameof(o.DeclineScore), o.DeclineScore,
            $"must be at least AlertScore ({o.AlertScore}) and at most 1001 (never)");
        f.Require(o.FreezeScore >= o.DeclineScore && o.FreezeScore <= FraudDecisionOptions.Never, S, nameof(o.FreezeScore), o.FreezeScore,
            $"must be at least DeclineScore ({o.DeclineScore}) and at most 1001 (never)");
    }

    private static void Check(VelocityRuleOptions? o, OptionFailures f)
    {
        const string S = Root + ":Velocity";
        if (!Present(o, "Velocity", f))
        {
            return;
        }

        f.Require(o!.ShortWindow >= TimeSpan.FromSeconds(1) && o.ShortWindow < o.LongWindow, S, nameof(o.ShortWindow), o.ShortWindow,
            $"must be at least 1 second and shorter than LongWindow ({o.LongWindow})");
        f.Require(o.LongWindow <= MaxWindow, S, nameof(o.LongWindow), o.LongWindow, "must be at most 1 day");
        f.Require(o.MaxPerShortWindow >= 1, S, nameof(o.MaxPerShortWindow), o.MaxPerShortWindow, "must be at least 1");
        f.Require(o.MaxPerLongWindow >= o.MaxPerShortWindow, S, nameof(o.MaxPerLongWindow), o.MaxPerLongWindow,
            $"must be at least MaxPerShortWindow ({o.MaxPerShortWindow})");
        f.Require(o.MaxAmountPerLongWindowMinor >= 1, S, nameof(o.MaxAmountPerLongWindowMinor), o.MaxAmountPerLongWindowMinor, "must be at least 1 (minor units)");
        f.Require(o.Score is >= 0 and <= 1000, S, nameof(o.Score), o.Score, ScoreRule);
    }

    private static void Check(AmountOutlierRuleOptions? o, OptionFailures f)
    {
        const string S = Root + ":AmountOutlier";
        if (!Present(o, "AmountOutlier", f))
        {
            return;
        }

        f.Require(o!.WarmUpObservations >= 2, S, nameof(o.WarmUpObservations), o.WarmUpObservations, "must be at least 2");
        f.Require(o.ZScoreThreshold is >= 0.5 and <= 100, S, nameof(o.ZScoreThreshold), o.ZScoreThreshold, "must be 0.5-100");
        f.Require(o.MinimumStandardDeviation is > 0 and <= 10, S, nameof(o.MinimumStandardDeviation), o.MinimumStandardDeviation,
            "must be above 0 and at most 10 (natural-log units)");
        f.Require(o.MinimumAmountMinor >= 0, S, nameof(o.MinimumAmountMinor), o.MinimumAmountMinor, "must not be negative");
        f.Require(o.MemoryObservations >= o.WarmUpObservations, S, nameof(o.MemoryObservations), o.MemoryObservations,
            $"must be at least WarmUpObservations ({o.WarmUpObservations})");
        f.Require(o.Score is >= 0 and <= 1000, S, nameof(o.Score), o.Score, ScoreRule);
    }

    private static void Check(ImpossibleTravelRuleOptions? o, OptionFailures f)
    {
        const string S = Root + ":ImpossibleTravel";
        if (!Present(o, "ImpossibleTravel", f))
        {
            return;
        }

        f.Require(o!.MinimumInterval >= TimeSpan.FromMinutes(1) && o.MinimumInterval <= TimeSpan.FromDays(2), S, nameof(o.MinimumInterval), o.MinimumInterval,
            "must be 1 minute to 2 days");
        f.Require(o.TravelSpeedKmPerHour is >= 10 and <= 2000, S, nameof(o.TravelSpeedKmPerHour), o.TravelSpeedKmPerHour, "must be 10-2000");
        f.Require(o.UnknownDistanceInterval >= o.MinimumInterval && o.UnknownDistanceInterval <= TimeSpan.FromDays(2), S, nameof(o.UnknownDistanceInterval),
            o.UnknownDistanceInterval, $"must be at least MinimumInterval ({o.MinimumInterval}) and at most 2 days");
        f.Require(o.Score is >= 0 and <= 1000, S, nameof(o.Score), o.Score, ScoreRule);
    }

    private static void Check(CardTestingRuleOptions? o, OptionFailures f)
    {
        const string S = Root + ":CardTesting";
        if (!Present(o, "CardTesting", f))
        {
            return;
        }

        f.Require(o!.TinyAmountMinor >= 1, S, nameof(o.TinyAmountMinor), o.TinyAmountMinor, "must be at least 1 (minor units)");
        f.Require(o.Window >= TimeSpan.FromSeconds(1) && o.Window <= MaxWindow, S, nameof(o.Window), o.Window, "must be 1 second to 1 day");
        f.Require(o.MinBurst is >= 2 and <= 10_000, S, nameof(o.MinBurst), o.MinBurst, "must be 2-10000");
        f.Require(o.Score is >= 0 and <= 1000, S, nameof(o.Score), o.Score, ScoreRule);
    }

    private static void Check(RiskyMerchantCategoryRuleOptions? o, OptionFailures f)
    {
        const string S = Root + ":RiskyMerchantCategory";
        if (!Present(o, "RiskyMerchantCategory", f))
        {
            return;
        }

        if (o!.Categories is { } categories)
        {
            for (var i = 0; i < categories.Count; i++)
            {
                f.Require(categories[i] is >= 0 and <= 9999, S, $"{nameof(o.Categories)}:{i}", categories[i], "must be a merchant category code 0-9999");
            }
        }

        f.Require(o.Score is >= 0 and <= 1000, S, nameof(o.Score), o.Score, ScoreRule);
    }

    private static void Check(FirstSeenMerchantRuleOptions? o, OptionFailures f)
    {
        if (Present(o, "FirstSeenMerchant", f))
        {
            f.Require(o!.Score is >= 0 and <= 1000, Root + ":FirstSeenMerchant", nameof(o.Score), o.Score, ScoreRule);
        }
    }

    private static void Check(UnfamiliarDeviceRuleOptions? o, OptionFailures f)
    {
        if (Present(o, "UnfamiliarDevice", f))
        {
            f.Require(o!.Score is >= 0 and <= 1000, Root + ":UnfamiliarDevice", nameof(o.Score), o.Score, ScoreRule);
            f.Require(o.AbroadScore is >= 0 and <= 1000, Root + ":UnfamiliarDevice", nameof(o.AbroadScore), o.AbroadScore, ScoreRule);
        }
    }

    private static void Check(UnusualHourRuleOptions? o, OptionFailures f)
    {
        const string S = Root + ":UnusualHour";
        if (!Present(o, "UnusualHour", f))
        {
            return;
        }

        f.Require(o!.WarmUpObservations >= 24, S, nameof(o.WarmUpObservations), o.WarmUpObservations, "must be at least 24 (one per hour of the day)");
        f.Require(o.RareShare is > 0 and <= 0.5, S, nameof(o.RareShare), o.RareShare, "must be above 0 and at most 0.5");
        f.Require(o.Score is >= 0 and <= 1000, S, nameof(o.Score), o.Score, ScoreRule);
    }
}
