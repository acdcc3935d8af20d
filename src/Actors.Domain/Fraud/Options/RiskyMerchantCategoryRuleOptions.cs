namespace Actors.Domain.Fraud;

/// <summary>
/// Risky merchant category: a payment at a category fraudsters favour for cashing out
/// (section <c>Actors:Fraud:RiskyMerchantCategory</c>).
/// </summary>
public sealed class RiskyMerchantCategoryRuleOptions
{
    public const int DefaultScore = 150;

    /// <summary>7995 betting and gambling, 6051 quasi-cash (crypto, money orders), 4829 wire transfer.</summary>
    public static IReadOnlyList<int> DefaultCategories { get; } = [7995, 6051, 4829];

    /// <summary>Whether the rule runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// ISO 18245 codes (0-9999) counted as risky; null means <see cref="DefaultCategories"/>. Null rather than
    /// a pre-filled list because configuration binding appends to a list's existing items.
    /// </summary>
    public IList<int>? Categories { get; set; }

    /// <summary>Score added when it fires (default 150: below an alert on its own, and with a first-seen merchant too).</summary>
    public int Score { get; set; } = DefaultScore;

    /// <summary>The categories in force: <see cref="Categories"/> or the defaults.</summary>
    public IReadOnlyList<int> EffectiveCategories => Categories is null ? DefaultCategories : [.. Categories];
}
