namespace Actors.Accounts;

/// <summary>A card payment to authorize against an account.</summary>
/// <param name="MerchantId">Merchant identifier as the card network sends it.</param>
/// <param name="MerchantCategory">ISO 18245 merchant category code (0-9999).</param>
/// <param name="Country">ISO 3166 alpha-2 country of the merchant, upper case.</param>
/// <param name="At">
/// When the card was used (network or trace time). Fraud rules reason over this time, so a trace
/// replayed at any speed gets the same answers; when absent the account's clock is used.
/// </param>
/// <param name="CardPresent">True (default) for a payment at a terminal; false for online or in-app (card not present).</param>
/// <param name="Device">For a card-not-present payment, a number identifying the device (0 when unknown).</param>
[GenerateSerializer, Immutable, Alias("Actors.CardAuthorization")]
public sealed record CardAuthorization(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] Money.Money Amount,
    [property: Id(2)] string MerchantId,
    [property: Id(3)] int MerchantCategory,
    [property: Id(4)] string Country,
    [property: Id(5)] DateTimeOffset? At = null,
    [property: Id(6)] bool CardPresent = true,
    [property: Id(7)] int Device = 0);
