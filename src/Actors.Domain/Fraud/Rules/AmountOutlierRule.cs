using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>
/// Fires when log(amount) lies far above the account's running mean of approved amounts, once the
/// account has enough history. The score grows from the base score at the threshold to twice that at
/// twice the threshold, capped there: a 50x spike is more alarming than a 5x one.
/// </summary>
public sealed class AmountOutlierRule : IFraudRule
{
    private readonly int _warmUp;
    private readonly double _threshold;
    private readonly double _minimumDeviation;
    private readonly long _minimumAmount;
    private readonly int _memory;
    private readonly int _score;

    public AmountOutlierRule(AmountOutlierRuleOptions options)
    {
        FraudOptionsValidator.Validate(options);
        _warmUp = options.WarmUpObservations;
        _threshold = options.ZScoreThreshold;
        _minimumDeviation = options.MinimumStandardDeviation;
        _minimumAmount = options.MinimumAmountMinor;
        _memory = options.MemoryObservations;
        _score = options.Score;
    }

    public FraudRules Rule => FraudRules.AmountOutlier;

    public RuleResult Evaluate(in AuthorizationContext authorization, AccountFraudProfile profile)
    {
        var amount = authorization.Amount.Minor;
        if (profile.Observations < _warmUp || amount < _minimumAmount || amount <= 0)
        {
            return RuleResult.Silent;
        }

        var z = profile.Amounts.ZScore(Math.Log(amount), _minimumDeviation);
        if (z < _threshold)
        {
            return RuleResult.Silent;
        }

        var excess = Math.Min(1, (z - _threshold) / _threshold);
        return RuleResult.FiredWith(_score + (int)(_score * excess));
    }

    public void Record(in AuthorizationContext authorization, AccountFraudProfile profile, bool approved)
    {
        if (approved && authorization.Amount.Minor > 0)
        {
            // The engine counts this observation after the rules record, hence + 1.
            profile.Amounts.Add(Math.Log(authorization.Amount.Minor), Math.Min(profile.Observations + 1, _memory));
        }
    }
}
