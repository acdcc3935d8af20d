using Actors.Domain;
using Actors.Fraud;
using Actors.Telemetry;
using Actors.Users;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Actors.Accounts;

/// <summary>
/// Tells an account's owner about its postings and fraud alerts, as the pushed consent snapshot allows: through the
/// owner's inbox stream, or a call to the user grain with the Direct transport. Made on an account's first
/// notification and kept (most accounts never need one): Orleans resolves GetGrain and GetStream by reflection on
/// every call, a notable share of the notification path's allocations.
/// </summary>
internal sealed class OwnerNotifier(string userId, IUserGrain grain, IAsyncStream<TransactionNotification>? stream)
{
    public string UserId => userId;

    /// <summary>The notification of an approved posting, or null when the owner has not consented to them.</summary>
    public static TransactionNotification? ForPosting(string accountId, PostingResult result, MessengerConsentSnapshot consent, DateTimeOffset now) =>
        !result.Approved || !consent.AllowsTransactionNotifications(now)
            ? null
            : new TransactionNotification(accountId, result.TransactionId, InboxMessageKind.Transaction, result.Kind, result.Amount, result.Balance, now);

    /// <summary>The bank side has the alert already; the owner's inbox gets it only with FraudAlerts consent (else null).</summary>
    public static TransactionNotification? ForAlert(string accountId, PostingResult result, MessengerConsentSnapshot consent, DateTimeOffset now) =>
        !consent.AllowsFraudAlerts(now)
            ? null
            : new TransactionNotification(accountId, result.TransactionId, InboxMessageKind.FraudAlert, result.Kind, result.Amount, result.Balance, now,
                $"{FraudRuleNames.Describe(result.Fraud.Fired)}; {(result.Approved ? "approved" : "declined")}");

    /// <summary>
    /// Delivers one notification. The account awaits each delivery before its next posting, so its notifications keep
    /// their order. A refused send (e.g. the memory stream's queue is full because inboxes fall behind) is tried again
    /// with growing delays for up to <see cref="NotificationOptions.DeliveryRetryTimeout"/>: the account holds its next
    /// postings meanwhile, so the load slows down instead of notifications being lost. Given up, it is logged and
    /// counted, and never undoes or fails the posting, which is stored already.
    /// </summary>
    public async Task Deliver(TransactionNotification notification, AccountGrainServices services)
    {
        var error = await DeliveryRetry.RunAsync(() => SendOnce(notification), services.Notifications.DeliveryRetryTimeout, services.Time,
            _ => ActorsMetrics.RecordNotificationRetry());
        if (error is not null)
        {
            ActorsMetrics.RecordNotificationDropped();
            services.Logger.LogWarning(error, "Notification of {TransactionId} on {AccountId} to {UserId} given up after {Timeout}",
                notification.TransactionId, notification.AccountId, userId, services.Notifications.DeliveryRetryTimeout);
        }
    }

    private Task SendOnce(TransactionNotification notification) =>
        stream is { } inbox ? inbox.OnNextAsync(notification) : grain.Notify(notification);
}
