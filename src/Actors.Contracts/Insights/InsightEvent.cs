using Actors.Accounts;

namespace Actors.Insights;

/// <summary>
/// One approved card payment of a user who granted MerchantInsights for the account's bank, as the
/// account hands it to <see cref="IMerchantInsightsCollector"/>. It carries no user or account id:
/// <see cref="UserKey"/> is a keyed hash of the user id, used only to count distinct users inside
/// the aggregate and never published.
/// </summary>
/// <param name="MerchantCategory">ISO 18245 merchant category code, 0-9999.</param>
/// <param name="Region">ISO 3166 alpha-2 country of the merchant, upper case (e.g. DE).</param>
/// <param name="Amount">The payment, positive, in integer minor units of its currency.</param>
/// <param name="Time">When the payment was authorized.</param>
/// <param name="UserKey">Opaque 64-bit pseudonym of the paying user (keyed hash; never the id itself).</param>
[GenerateSerializer, Immutable, Alias("Actors.Insights.InsightEvent")]
public readonly record struct InsightEvent(
    [property: Id(0)] int MerchantCategory,
    [property: Id(1)] string Region,
    [property: Id(2)] Money.Money Amount,
    [property: Id(3)] DateTimeOffset Time,
    [property: Id(4)] ulong UserKey)
{
    /// <summary>The insight event of an approved authorization; the caller supplies the pseudonymous user key.</summary>
    public static InsightEvent Of(CardAuthorization request, DateTimeOffset time, ulong userKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new InsightEvent(request.MerchantCategory, request.Country, request.Amount, time, userKey);
    }
}
