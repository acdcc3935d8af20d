using System.Diagnostics.Metrics;
using Actors.Accounts;
using Actors.Fraud;
using Actors.Users;

namespace Actors.Telemetry;

/// <summary>
/// Counters of domain events and the authorization latency histogram, published on the
/// <see cref="MeterName"/> meter (exported by the silo's web host as Prometheus text:
/// actors_card_authorizations_total{outcome="declined"},
/// actors_card_authorization_duration_milliseconds_bucket{le="1"} and so on).
/// The grains call these static methods; with no listener attached (embedded silos, tests) a call
/// costs a field read. Tag values are fixed snake_case strings, cached, so recording never allocates.
/// </summary>
public static class ActorsMetrics
{
    public const string MeterName = "Actors";
    public const string AuthorizationsName = "actors.card_authorizations";
    public const string DeclinesName = "actors.card_authorization.declines";
    public const string FraudAlertsName = "actors.fraud.alerts";
    public const string ConsentDenialsName = "actors.consent.denials";
    public const string NotificationRetriesName = "actors.notifications.retries";
    public const string NotificationsDroppedName = "actors.notifications.dropped";
    public const string AuthorizationDurationName = "actors.card_authorization.duration";

    /// <summary>
    /// Bucket bounds of <see cref="AuthorizationDurationName"/>, in milliseconds: 0.1 ms (an in-memory
    /// answer) to 1 s (a stalled store), about 2.5x apart so a p99 can be read to within one step.
    /// </summary>
    public static readonly IReadOnlyList<double> AuthorizationDurationBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000];

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Authorizations = Meter.CreateCounter<long>(AuthorizationsName,
        description: "Card authorizations answered, by outcome (approved or declined); replays of a known transaction id are not counted.");
    private static readonly Counter<long> Declines = Meter.CreateCounter<long>(DeclinesName,
        description: "Declined card authorizations, by reason.");
    private static readonly Counter<long> FraudAlerts = Meter.CreateCounter<long>(FraudAlertsName,
        description: "Fraud alerts raised by the account's detector, by decision.");
    private static readonly Counter<long> ConsentDenials = Meter.CreateCounter<long>(ConsentDenialsName,
        description: "Reads of bank data by the Messenger side or a linked partner refused for lack of consent, by purpose.");
    private static readonly Counter<long> NotificationRetries = Meter.CreateCounter<long>(NotificationRetriesName,
        description: "Notification sends refused by the transport and tried again (inboxes falling behind).");
    private static readonly Counter<long> NotificationsDropped = Meter.CreateCounter<long>(NotificationsDroppedName,
        description: "Notifications given up after Actors:Notifications:DeliveryRetryTimeout (the posting itself stands).");
    private static readonly Histogram<double> AuthorizationDuration = Meter.CreateHistogram<double>(AuthorizationDurationName, unit: "ms",
        description: "Time the account grain took to answer a card authorization (rules, state write, owner notification), every answer included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AuthorizationDurationBuckets });

    /// <summary>
    /// Records one answered card authorization: its outcome, the decline reason, and a fraud alert when
    /// the assessment raised one. Other postings and replayed answers (the same transaction id again)
    /// are ignored, so a client's retries do not inflate the counts.
    /// </summary>
    public static void RecordAuthorization(PostingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Kind != PostingKind.CardAuthorization || result.Replayed)
        {
            return;
        }

        RecordAuthorization(result.Outcome, result.Reason);
        if (result.Fraud.Alerted)
        {
            RecordFraudAlert(result.Fraud.Decision);
        }
    }

    /// <summary>Records how long one card authorization took in the account grain.</summary>
    public static void RecordAuthorizationDuration(TimeSpan elapsed) => AuthorizationDuration.Record(elapsed.TotalMilliseconds);

    /// <summary>Counts one authorization by outcome, and a decline by its reason.</summary>
    public static void RecordAuthorization(PostingOutcome outcome, DeclineReason reason)
    {
        var approved = outcome == PostingOutcome.Applied;
        Authorizations.Add(1, new KeyValuePair<string, object?>("outcome", approved ? "approved" : "declined"));
        if (!approved)
        {
            Declines.Add(1, new KeyValuePair<string, object?>("reason", Label(reason)));
        }
    }

    /// <summary>Counts one fraud alert by the decision that raised it.</summary>
    public static void RecordFraudAlert(FraudDecision decision) =>
        FraudAlerts.Add(1, new KeyValuePair<string, object?>("decision", Label(decision)));

    /// <summary>Counts one refused notification send that will be tried again.</summary>
    public static void RecordNotificationRetry() => NotificationRetries.Add(1);

    /// <summary>Counts one notification given up.</summary>
    public static void RecordNotificationDropped() => NotificationsDropped.Add(1);

    /// <summary>Counts one read refused for lack of consent, by the purpose that was missing.</summary>
    public static void RecordConsentDenial(ConsentPurpose purpose) =>
        ConsentDenials.Add(1, new KeyValuePair<string, object?>("purpose", Label(purpose)));

    internal static string Label(DeclineReason reason) => reason switch
    {
        DeclineReason.None => "none",
        DeclineReason.InsufficientFunds => "insufficient_funds",
        DeclineReason.AccountFrozen => "account_frozen",
        DeclineReason.AccountClosed => "account_closed",
        DeclineReason.Invalid => "invalid",
        DeclineReason.FraudSuspected => "fraud_suspected",
        _ => "other",
    };

    internal static string Label(FraudDecision decision) => decision switch
    {
        FraudDecision.Approve => "approve",
        FraudDecision.ApproveAndAlert => "approve_and_alert",
        FraudDecision.Decline => "decline",
        FraudDecision.DeclineAndFreeze => "decline_and_freeze",
        _ => "other",
    };

    internal static string Label(ConsentPurpose purpose) => purpose switch
    {
        ConsentPurpose.BalanceView => "balance_view",
        ConsentPurpose.TransactionNotifications => "transaction_notifications",
        ConsentPurpose.FraudAlerts => "fraud_alerts",
        ConsentPurpose.MerchantInsights => "merchant_insights",
        ConsentPurpose.Offers => "offers",
        _ => "other",
    };
}
