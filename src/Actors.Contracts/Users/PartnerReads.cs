using Actors.Accounts;

namespace Actors.Users;

/// <summary>
/// The answer to one partner read. <see cref="Consent"/> is null when the partner is not linked
/// (nothing about the user is disclosed then); <see cref="Items"/> is empty unless Status is Ok.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.PartnerRead`1")]
public sealed record PartnerRead<T>(
    [property: Id(0)] MessengerReadStatus Status,
    [property: Id(1)] ConsentDecision? Consent,
    [property: Id(2)] IReadOnlyList<T> Items);

/// <summary>Whether a partner is linked to a user, and the user's consents in force now (only when linked).</summary>
[GenerateSerializer, Immutable, Alias("Actors.PartnerLinkStatus")]
public sealed record PartnerLinkStatus(
    [property: Id(0)] string UserId,
    [property: Id(1)] string PartnerId,
    [property: Id(2)] bool Linked,
    [property: Id(3)] IReadOnlyList<ConsentRecord> ConsentsInForce);

/// <summary>
/// One line of an account's history as a partner may see it. The counterparty is left out on
/// purpose: it is another user's account.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.PartnerTransaction")]
public sealed record PartnerTransaction(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string TransactionId,
    [property: Id(2)] PostingKind Kind,
    [property: Id(3)] PostingOutcome Outcome,
    [property: Id(4)] DeclineReason Reason,
    [property: Id(5)] Money.Money Amount,
    [property: Id(6)] Money.Money BalanceAfter,
    [property: Id(7)] DateTimeOffset At);

/// <summary>A fraud alert on one of the user's accounts, as the partner may show it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.PartnerAlert")]
public sealed record PartnerAlert(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string TransactionId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] Money.Money Amount,
    [property: Id(4)] string MerchantId,
    [property: Id(5)] string Country,
    [property: Id(6)] FraudAlertStatus Status,
    [property: Id(7)] string Rules);
