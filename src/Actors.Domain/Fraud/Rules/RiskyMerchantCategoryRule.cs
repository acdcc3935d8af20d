using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>Fires on a payment at a configured risky merchant category (gambling, quasi-cash, wire transfer...).</summary>
public sealed class RiskyMerchantCategoryRule : IFraudRule
{
    // One bit per possible code 0-9999 (1.25 KB, shared by all accounts): a lookup without hashing.
    private readonly ulong[] _risky = new ulong[(9999 / 64) + 1];
    private readonly int _score;

    public RiskyMerchantCategoryRule(RiskyMerchantCategoryRuleOptions options)
    {
        FraudOptionsValidator.Validate(options);
        foreach (var code in options.EffectiveCategories)
        {
            _risky[code >> 6] |= 1UL << (code & 63);
        }

        _score = options.Score;
    }

    public FraudRules Rule => FraudRules.RiskyMerchantCategory;

    public bool IsRisky(int merchantCategory) =>
        merchantCategory is >= 0 and <= 9999 && (_risky[merchantCategory >> 6] & (1UL << (merchantCategory & 63))) != 0;

    public RuleResult Evaluate(in AuthorizationContext authorization, AccountFraudProfile profile) =>
        IsRisky(authorization.MerchantCategory) ? RuleResult.FiredWith(_score) : RuleResult.Silent;

    public void Record(in AuthorizationContext authorization, AccountFraudProfile profile, bool approved)
    {
        // Stateless: the category alone decides.
    }
}
