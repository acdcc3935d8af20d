using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>Fires on a card-not-present payment from a device the account has not paid from before (see <see cref="UnfamiliarDeviceRuleOptions"/>).</summary>
public sealed class UnfamiliarDeviceRule : IFraudRule
{
    private readonly int _score;
    private readonly int _abroadScore;

    public UnfamiliarDeviceRule(UnfamiliarDeviceRuleOptions options)
    {
        FraudOptionsValidator.Validate(options);
        _score = options.Score;
        _abroadScore = options.AbroadScore;
    }

    public FraudRules Rule => FraudRules.UnfamiliarDevice;

    public RuleResult Evaluate(in AuthorizationContext authorization, AccountFraudProfile profile)
    {
        var devices = profile.Devices;
        if (authorization.CardPresent || authorization.Device == 0 || devices.Contains(authorization.Device))
        {
            return RuleResult.Silent;
        }

        // The account's first device is learned silently unless it pays outside the owner's home country.
        var abroad = authorization.HomeCountry is { } home && !string.Equals(home, authorization.Country, StringComparison.Ordinal);
        return devices.IsEmpty
            ? abroad ? RuleResult.FiredWith(_score + _abroadScore) : RuleResult.Silent
            : RuleResult.FiredWith(abroad ? _score + _abroadScore : _score);
    }

    public void Record(in AuthorizationContext authorization, AccountFraudProfile profile, bool approved)
    {
        if (approved && !authorization.CardPresent && authorization.Device != 0)
        {
            profile.Devices.Add(authorization.Device);
        }
    }
}
