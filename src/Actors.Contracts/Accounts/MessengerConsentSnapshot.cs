namespace Actors.Accounts;

/// <summary>
/// The part of a user's consent ledger an account needs on its hot path, pushed by the user grain
/// whenever a consent for this bank changes, so an authorization never has to ask the user grain.
/// Each field is the instant the consent ends (<see cref="DateTimeOffset.MaxValue"/> for no expiry),
/// or null when it is not granted. The user grain checks again when a notification arrives.
/// It also carries the owner's home country (for the fraud rules) and whether the owner shares
/// transactions for merchant insights.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.MessengerConsentSnapshot")]
public sealed record MessengerConsentSnapshot(
    [property: Id(0)] string? UserId,
    [property: Id(1)] DateTimeOffset? TransactionNotificationsUntil,
    [property: Id(2)] DateTimeOffset? FraudAlertsUntil,
    [property: Id(3)] string? HomeCountry = null,
    [property: Id(4)] DateTimeOffset? MerchantInsightsUntil = null)
{
    public static readonly MessengerConsentSnapshot None = new(null, null, null);

    public bool AllowsMerchantInsights(DateTimeOffset now) => UserId is not null && MerchantInsightsUntil > now;

    public bool AllowsTransactionNotifications(DateTimeOffset now) => UserId is not null && TransactionNotificationsUntil > now;

    public bool AllowsFraudAlerts(DateTimeOffset now) => UserId is not null && FraudAlertsUntil > now;
}
