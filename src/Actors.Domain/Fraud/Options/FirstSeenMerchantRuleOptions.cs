namespace Actors.Domain.Fraud;

/// <summary>
/// First-seen merchant: the account has not paid this merchant before (as far as its Bloom filter
/// knows; section <c>Actors:Fraud:FirstSeenMerchant</c>). A weak signal that only adds to others:
/// its score must stay below the decline threshold, so on its own it never declines.
/// </summary>
public sealed class FirstSeenMerchantRuleOptions
{
    public const int DefaultScore = 100;

    /// <summary>Whether the rule runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Score added when it fires (default 100; must be below Actors:Fraud:Decision:DeclineScore).</summary>
    public int Score { get; set; } = DefaultScore;
}
