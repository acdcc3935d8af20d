namespace Actors.Domain.Fraud;

/// <summary>
/// Velocity: too many authorizations, or too much money, in a short and a long sliding window
/// (section <c>Actors:Fraud:Velocity</c>). Declined attempts count too: a fraudster retrying is velocity.
/// </summary>
public sealed class VelocityRuleOptions
{
    public static readonly TimeSpan DefaultShortWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultLongWindow = TimeSpan.FromHours(1);
    public const int DefaultMaxPerShortWindow = 5;
    public const int DefaultMaxPerLongWindow = 20;
    public const long DefaultMaxAmountPerLongWindowMinor = 500_000;
    public const int DefaultScore = 400;

    /// <summary>Whether the rule runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The short window (default 1 minute; 1 second to 1 day, shorter than <see cref="LongWindow"/>).</summary>
    public TimeSpan ShortWindow { get; set; } = DefaultShortWindow;

    /// <summary>Most authorizations allowed in the short window, this one included (default 5).</summary>
    public int MaxPerShortWindow { get; set; } = DefaultMaxPerShortWindow;

    /// <summary>The long window (default 1 hour; at most 1 day).</summary>
    public TimeSpan LongWindow { get; set; } = DefaultLongWindow;

    /// <summary>Most authorizations allowed in the long window, this one included (default 20).</summary>
    public int MaxPerLongWindow { get; set; } = DefaultMaxPerLongWindow;

    /// <summary>
    /// Most money authorized in the long window, this one included, in minor units of the account's
    /// currency (default 500,000 = 5,000.00 USD/EUR; the same number is 500,000 JPY).
    /// </summary>
    public long MaxAmountPerLongWindowMinor { get; set; } = DefaultMaxAmountPerLongWindowMinor;

    /// <summary>Score added when any limit is passed (default 400: an alert on its own).</summary>
    public int Score { get; set; } = DefaultScore;
}
