using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>Fires on the tiny authorization that completes a burst of tiny ones inside the window.</summary>
public sealed class CardTestingRule : IFraudRule
{
    private readonly long _tinyMinor;
    private readonly long _windowTicks;
    private readonly int _minBurst;
    private readonly int _score;

    public CardTestingRule(CardTestingRuleOptions options)
    {
        FraudOptionsValidator.Validate(options);
        _tinyMinor = options.TinyAmountMinor;
        _windowTicks = options.Window.Ticks;
        _minBurst = options.MinBurst;
        _score = options.Score;
    }

    public FraudRules Rule => FraudRules.CardTesting;

    public RuleResult Evaluate(in AuthorizationContext authorization, AccountFraudProfile profile)
    {
        if (authorization.Amount.Minor >= _tinyMinor)
        {
            return RuleResult.Silent;
        }

        var burst = profile.TinyWindow.Estimate(authorization.Timestamp.UtcTicks, _windowTicks) + 1;
        return burst >= _minBurst ? RuleResult.FiredWith(_score) : RuleResult.Silent;
    }

    public void Record(in AuthorizationContext authorization, AccountFraudProfile profile, bool approved)
    {
        if (authorization.Amount.Minor < _tinyMinor)
        {
            profile.TinyWindow.Add(authorization.Timestamp.UtcTicks, _windowTicks);
        }
    }
}
