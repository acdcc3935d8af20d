namespace Actors.Domain.Fraud;

/// <summary>
/// Amount outlier: a payment far above the account's own usual amounts, measured as a z-score of
/// log(amount) against running statistics of approved payments (section <c>Actors:Fraud:AmountOutlier</c>).
/// </summary>
public sealed class AmountOutlierRuleOptions
{
    public const int DefaultWarmUpObservations = 20;
    public const double DefaultZScoreThreshold = 4.0;
    public const double DefaultMinimumStandardDeviation = 0.5;
    public const long DefaultMinimumAmountMinor = 2_000;
    public const int DefaultMemoryObservations = 500;
    public const int DefaultScore = 350;

    /// <summary>Whether the rule runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Approved payments to learn from before the rule may fire (default 20).</summary>
    public int WarmUpObservations { get; set; } = DefaultWarmUpObservations;

    /// <summary>Fires when log(amount) is at least this many standard deviations above the mean (default 4.0).</summary>
    public double ZScoreThreshold { get; set; } = DefaultZScoreThreshold;

    /// <summary>
    /// Floor of the standard deviation of log(amount) (default 0.5: three of them are 4.5x the usual amount):
    /// an account that always pays about the same would otherwise see any modest change as a huge outlier.
    /// </summary>
    public double MinimumStandardDeviation { get; set; } = DefaultMinimumStandardDeviation;

    /// <summary>Payments below this (minor units, default 2,000 = 20.00) are never outliers, whatever the history.</summary>
    public long MinimumAmountMinor { get; set; } = DefaultMinimumAmountMinor;

    /// <summary>
    /// How many observations the statistics weigh at most (default 500): beyond it each new payment has weight
    /// 1/500, so the mean follows a change of habits instead of freezing on years of history.
    /// </summary>
    public int MemoryObservations { get; set; } = DefaultMemoryObservations;

    /// <summary>Score added when it fires (default 350: an alert on its own).</summary>
    public int Score { get; set; } = DefaultScore;
}
