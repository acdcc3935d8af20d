using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>
/// Fires when, after warm-up, the three hours around the authorization's UTC hour (the hour before,
/// the hour, the hour after) hold less than the rare share of the account's approved payments.
/// </summary>
public sealed class UnusualHourRule : IFraudRule
{
    private readonly int _warmUp;
    private readonly double _rareShare;
    private readonly int _score;

    public UnusualHourRule(UnusualHourRuleOptions options)
    {
        FraudOptionsValidator.Validate(options);
        _warmUp = options.WarmUpObservations;
        _rareShare = options.RareShare;
        _score = options.Score;
    }

    public FraudRules Rule => FraudRules.UnusualHour;

    public RuleResult Evaluate(in AuthorizationContext authorization, AccountFraudProfile profile)
    {
        if (profile.Observations < _warmUp)
        {
            return RuleResult.Silent;
        }

        ref readonly var hours = ref profile.Hours;
        var total = hours.Total();
        if (total == 0)
        {
            return RuleResult.Silent;
        }

        var hour = HourHistograms.HourOf(authorization.Timestamp.UtcTicks);
        var around = hours.Count((hour + 23) % 24) + hours.Count(hour) + hours.Count((hour + 1) % 24);
        return around < _rareShare * total ? RuleResult.FiredWith(_score) : RuleResult.Silent;
    }

    public void Record(in AuthorizationContext authorization, AccountFraudProfile profile, bool approved)
    {
        if (approved)
        {
            profile.Hours.Add(HourHistograms.HourOf(authorization.Timestamp.UtcTicks));
        }
    }
}
