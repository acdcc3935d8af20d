namespace Actors.Domain.Fraud;

/// <summary>
/// Unusual hour: a payment at an hour of the day (UTC) this account rarely pays at, judged from its
/// 24-bucket hour histogram once warmed up (section <c>Actors:Fraud:UnusualHour</c>). The hour is judged
/// with its two neighbours (a three-hour window), so 17:30 is not unusual for a 9-to-5 payer; 03:00 is.
/// </summary>
public sealed class UnusualHourRuleOptions
{
    public const int DefaultWarmUpObservations = 50;
    public const double DefaultRareShare = 0.02;
    public const int DefaultScore = 200;

    /// <summary>Whether the rule runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Approved payments to learn from before the rule may fire (default 50).</summary>
    public int WarmUpObservations { get; set; } = DefaultWarmUpObservations;

    /// <summary>An hour is unusual when the three hours around it hold less than this share of the payments (default 0.02; 0-0.5).</summary>
    public double RareShare { get; set; } = DefaultRareShare;

    /// <summary>Score added when it fires (default 200: below an alert on its own).</summary>
    public int Score { get; set; } = DefaultScore;
}
