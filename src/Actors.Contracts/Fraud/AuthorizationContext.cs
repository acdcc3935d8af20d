namespace Actors.Fraud;

/// <summary>
/// Everything a fraud detector may look at for one card authorization, besides the account's
/// <see cref="AccountFraudProfile"/>. Passed by reference (<c>in</c>), so building it costs no allocation.
/// Time is <see cref="Timestamp"/>, the authorization's own time: detectors never read a clock,
/// so a replayed trace gets the same answers at any speed.
/// </summary>
/// <param name="AccountId">The account being charged, e.g. CHASE:000123.</param>
/// <param name="Amount">The payment, positive, in the account's currency (integer minor units).</param>
/// <param name="MerchantId">The merchant as the card network names it (1-64 characters).</param>
/// <param name="MerchantCategory">ISO 18245 merchant category code, 0-9999 (7995 gambling, 6051 quasi-cash...).</param>
/// <param name="Country">ISO 3166 alpha-2 country of the merchant, upper case.</param>
/// <param name="Timestamp">When the authorization happened (its trace or network time).</param>
/// <param name="HomeCountry">The owner's home country (alpha-2) when known, otherwise null.</param>
/// <param name="Balance">The account's balance before this payment.</param>
/// <param name="CardPresent">True for a payment at a terminal (the card holder is where the merchant is); false for online or in-app payments.</param>
/// <param name="Device">For a card-not-present payment, the number of the device it came from (0 when unknown).</param>
[GenerateSerializer, Immutable, Alias("Actors.AuthorizationContext")]
public readonly record struct AuthorizationContext(
    [property: Id(0)] string AccountId,
    [property: Id(1)] Money.Money Amount,
    [property: Id(2)] string MerchantId,
    [property: Id(3)] int MerchantCategory,
    [property: Id(4)] string Country,
    [property: Id(5)] DateTimeOffset Timestamp,
    [property: Id(6)] string? HomeCountry,
    [property: Id(7)] Money.Money Balance,
    [property: Id(8)] bool CardPresent = true,
    [property: Id(9)] int Device = 0)
{
    /// <summary>The payment's currency (the account's).</summary>
    public Money.Currency Currency => Amount.Currency;
}
