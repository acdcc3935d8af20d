using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>The default detector: the built-in rules that are enabled in <see cref="FraudOptions"/>, combined by a <see cref="FraudEngine"/>.</summary>
public sealed class RuleBasedDetector : IFraudDetector
{
    private readonly FraudEngine _engine;

    public RuleBasedDetector()
        : this(new FraudOptions())
    {
    }

    public RuleBasedDetector(FraudOptions options)
    {
        FraudOptionsValidator.Validate(options);
        _engine = new FraudEngine(CreateRules(options), options.Decision);
    }

    public string Name => FraudOptions.RulesDetector;

    public FraudEngine Engine => _engine;

    public FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile) => _engine.Assess(authorization, profile);

    /// <summary>The enabled rules, cheapest first (order does not change the result).</summary>
    public static IReadOnlyList<IFraudRule> CreateRules(FraudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = new List<IFraudRule>();
        if (options.RiskyMerchantCategory.Enabled)
        {
            rules.Add(new RiskyMerchantCategoryRule(options.RiskyMerchantCategory));
        }

        if (options.CardTesting.Enabled)
        {
            rules.Add(new CardTestingRule(options.CardTesting));
        }

        if (options.Velocity.Enabled)
        {
            rules.Add(new VelocityRule(options.Velocity));
        }

        if (options.ImpossibleTravel.Enabled)
        {
            rules.Add(new ImpossibleTravelRule(options.ImpossibleTravel));
        }

        if (options.UnusualHour.Enabled)
        {
            rules.Add(new UnusualHourRule(options.UnusualHour));
        }

        if (options.FirstSeenMerchant.Enabled)
        {
            rules.Add(new FirstSeenMerchantRule(options.FirstSeenMerchant));
        }

        if (options.UnfamiliarDevice.Enabled)
        {
            rules.Add(new UnfamiliarDeviceRule(options.UnfamiliarDevice));
        }

        if (options.AmountOutlier.Enabled)
        {
            rules.Add(new AmountOutlierRule(options.AmountOutlier));
        }

        return rules;
    }
}
