namespace Actors.Insights;

/// <summary>
/// Merchant insights (configuration section <c>Actors:Insights</c>). Checked at start-up by
/// <see cref="MerchantInsightsOptionsValidator"/>.
/// </summary>
public sealed class MerchantInsightsOptions
{
    public const string SectionName = "Actors:Insights";
    public const int DefaultK = 10;
    public const int MinimumK = 2;
    public const int DefaultMaxPendingBatches = 60;
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Development-only pseudonym secret. A deployment sets its own: whoever knows the secret can
    /// recompute a user's key from the user id.
    /// </summary>
    public const string DevelopmentPseudonymSecret = "actors-development-insights-secret";

    /// <summary>
    /// The k of k-anonymity: a bucket is published only with at least this many distinct users
    /// (default 10, at least 2: a bucket of one user is that user's spending).
    /// </summary>
    public int K { get; set; } = DefaultK;

    /// <summary>How often a collector pushes its partial buckets to the region grains (default 1 second).</summary>
    public TimeSpan FlushInterval { get; set; } = DefaultFlushInterval;

    /// <summary>
    /// Batches a collector keeps per region while that region's grain cannot be reached (default 60,
    /// a minute at the default interval); beyond that the oldest is given up and reported as dropped.
    /// </summary>
    public int MaxPendingBatches { get; set; } = DefaultMaxPendingBatches;

    /// <summary>
    /// Secret of the keyed hash that turns a user id into the 64-bit user key (at least 16 characters;
    /// default <see cref="DevelopmentPseudonymSecret"/>). Changing it makes every user count as new.
    /// </summary>
    public string PseudonymSecret { get; set; } = DevelopmentPseudonymSecret;
}
