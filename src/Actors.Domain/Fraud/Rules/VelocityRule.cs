using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>Fires when this authorization makes too many, or too much money, in the short or long window.</summary>
public sealed class VelocityRule : IFraudRule
{
    private readonly long _shortTicks;
    private readonly long _longTicks;
    private readonly int _maxShort;
    private readonly int _maxLong;
    private readonly long _maxAmount;
    private readonly int _score;

    public VelocityRule(VelocityRuleOptions options)
    {
        FraudOptionsValidator.Validate(options);
        _shortTicks = options.ShortWindow.Ticks;
        _longTicks = options.LongWindow.Ticks;
        _maxShort = options.MaxPerShortWindow;
        _maxLong = options.MaxPerLongWindow;
        _maxAmount = options.MaxAmountPerLongWindowMinor;
        _score = options.Score;
    }

    public FraudRules Rule => FraudRules.Velocity;

    public RuleResult Evaluate(in AuthorizationContext authorization, AccountFraudProfile profile)
    {
        var ticks = authorization.Timestamp.UtcTicks;
        var tooMany = profile.ShortWindow.Estimate(ticks, _shortTicks) + 1 > _maxShort
            || profile.LongWindow.Count.Estimate(ticks, _longTicks) + 1 > _maxLong;
        var tooMuch = profile.LongWindow.EstimateMinor(ticks, _longTicks) + authorization.Amount.Minor > _maxAmount;
        return tooMany || tooMuch ? RuleResult.FiredWith(_score) : RuleResult.Silent;
    }

    public void Record(in AuthorizationContext authorization, AccountFraudProfile profile, bool approved)
    {
        var ticks = authorization.Timestamp.UtcTicks;
        profile.ShortWindow.Add(ticks, _shortTicks);
        profile.LongWindow.Add(ticks, _longTicks, authorization.Amount.Minor);
    }
}
