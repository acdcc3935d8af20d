namespace Actors.Fraud;

/// <summary>
/// snake_case names of the rules, as alerts and fraud reports show them. Allocates, so it is for
/// alerts and reports only, never for the per-authorization path.
/// </summary>
public static class FraudRuleNames
{
    private static readonly (FraudRules Rule, string Name)[] Table =
    [
        (FraudRules.Velocity, "velocity"),
        (FraudRules.AmountOutlier, "amount_outlier"),
        (FraudRules.ImpossibleTravel, "impossible_travel"),
        (FraudRules.CardTesting, "card_testing"),
        (FraudRules.RiskyMerchantCategory, "risky_merchant_category"),
        (FraudRules.FirstSeenMerchant, "first_seen_merchant"),
        (FraudRules.UnfamiliarDevice, "unfamiliar_device"),
        (FraudRules.UnusualHour, "unusual_hour"),
        (FraudRules.Custom, "custom"),
    ];

    /// <summary>The name of one rule bit, e.g. "card_testing".</summary>
    public static string Of(FraudRules rule)
    {
        foreach (var (bit, name) in Table)
        {
            if (bit == rule)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not a single fraud rule.");
    }

    /// <summary>Names of every rule set in <paramref name="rules"/>, in bit order.</summary>
    public static IReadOnlyList<string> All(FraudRules rules)
    {
        var names = new List<string>();
        foreach (var (bit, name) in Table)
        {
            if ((rules & bit) != 0)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>"velocity, card_testing", or "none".</summary>
    public static string Describe(FraudRules rules) => rules == FraudRules.None ? "none" : string.Join(", ", All(rules));
}
