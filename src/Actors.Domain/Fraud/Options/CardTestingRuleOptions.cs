namespace Actors.Domain.Fraud;

/// <summary>
/// Card testing: a burst of tiny authorizations, the way stolen card numbers are checked before use
/// (section <c>Actors:Fraud:CardTesting</c>). Declined attempts count too.
/// </summary>
public sealed class CardTestingRuleOptions
{
    public const long DefaultTinyAmountMinor = 200;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(10);
    public const int DefaultMinBurst = 3;
    public const int DefaultScore = 600;

    /// <summary>Whether the rule runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Amounts below this are tiny (minor units of the account's currency; default 200 = 2.00).</summary>
    public long TinyAmountMinor { get; set; } = DefaultTinyAmountMinor;

    /// <summary>The sliding window the burst must fit in (default 10 minutes; 1 second to 1 day).</summary>
    public TimeSpan Window { get; set; } = DefaultWindow;

    /// <summary>Fires on the tiny authorization that makes this many in the window (default 3; at least 2).</summary>
    public int MinBurst { get; set; } = DefaultMinBurst;

    /// <summary>Score added when it fires (default 600: a decline on its own).</summary>
    public int Score { get; set; } = DefaultScore;
}
