namespace Actors.Insights;

/// <summary>
/// What makes an <see cref="InsightEvent"/> countable. The collector's Record is one-way, so a bad
/// event cannot be answered with an error: it is refused here, counted and logged instead.
/// </summary>
public static class InsightEventRules
{
    /// <summary>Null when the event can be counted, otherwise why not (naming the field and value).</summary>
    public static string? Problem(in InsightEvent insight)
    {
        if (!MerchantCategoryGroups.IsValid(insight.MerchantCategory))
        {
            return $"MerchantCategory {insight.MerchantCategory} is not a code 0-9999";
        }

        if (!IsRegion(insight.Region))
        {
            return $"Region '{insight.Region}' is not an upper-case ISO 3166 alpha-2 code such as DE";
        }

        if (insight.Amount.Currency.IsDefault || !insight.Amount.IsPositive)
        {
            return $"Amount {insight.Amount} is not a positive amount with a currency";
        }

        return insight.Time == default ? "Time is not set" : null;
    }

    /// <summary>Two upper-case ASCII letters: the only shape of a region key.</summary>
    public static bool IsRegion(string? region) =>
        region is { Length: 2 } && char.IsAsciiLetterUpper(region[0]) && char.IsAsciiLetterUpper(region[1]);
}
