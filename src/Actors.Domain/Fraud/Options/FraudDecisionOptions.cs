namespace Actors.Domain.Fraud;

/// <summary>
/// Score thresholds that turn a risk score (0-1000, the sum of the rules' contributions) into a
/// decision (section <c>Actors:Fraud:Decision</c>). A score at or above a threshold gets that decision.
/// </summary>
public sealed class FraudDecisionOptions
{
    public const int DefaultAlertScore = 300;
    public const int DefaultDeclineScore = 600;
    public const int DefaultFreezeScore = 1000;

    /// <summary>Never reached by a score: set a threshold to this to switch that decision off.</summary>
    public const int Never = 1001;

    /// <summary>Approve, but alert, from this score (default 300).</summary>
    public int AlertScore { get; set; } = DefaultAlertScore;

    /// <summary>Decline from this score (default 600: one strong rule, or two medium ones).</summary>
    public int DeclineScore { get; set; } = DefaultDeclineScore;

    /// <summary>Decline and freeze the account from this score (default 1000: only when several strong rules fire together; 1001 = never freeze).</summary>
    public int FreezeScore { get; set; } = DefaultFreezeScore;
}
