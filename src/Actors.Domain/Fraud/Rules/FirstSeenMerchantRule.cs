using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>Fires when the account's merchant sketch has not seen this merchant in an approved payment.</summary>
public sealed class FirstSeenMerchantRule : IFraudRule
{
    private readonly int _score;

    public FirstSeenMerchantRule(FirstSeenMerchantRuleOptions options)
    {
        FraudOptionsValidator.Validate(options);
        _score = options.Score;
    }

    public FraudRules Rule => FraudRules.FirstSeenMerchant;

    public RuleResult Evaluate(in AuthorizationContext authorization, AccountFraudProfile profile) =>
        profile.Merchants.Contains(MerchantSketches.HashOf(authorization.MerchantId)) ? RuleResult.Silent : RuleResult.FiredWith(_score);

    public void Record(in AuthorizationContext authorization, AccountFraudProfile profile, bool approved)
    {
        if (approved)
        {
            profile.Merchants.Add(MerchantSketches.HashOf(authorization.MerchantId));
        }
    }
}
