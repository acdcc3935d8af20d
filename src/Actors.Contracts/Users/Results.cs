namespace Actors.Users;

/// <summary>The outcome of a consent check, as recorded in the audit log.</summary>
[GenerateSerializer, Immutable, Alias("Actors.ConsentDecision")]
public sealed record ConsentDecision(
    [property: Id(0)] string Bank,
    [property: Id(1)] ConsentPurpose Purpose,
    [property: Id(2)] ConsentStatus Status,
    [property: Id(3)] DateTimeOffset CheckedAt)
{
    public bool Allowed => Status == ConsentStatus.Granted;
}

[GenerateSerializer, Alias("Actors.MessengerReadStatus")]
public enum MessengerReadStatus : byte
{
    Ok = 1,

    /// <summary>The user has not (or no longer) consented to this read: missing, expired or revoked.</summary>
    ConsentRequired = 2,

    /// <summary>Consent is there, but the user has no linked account at that bank.</summary>
    NoAccountAtBank = 3,

    /// <summary>The partner asking is not linked to the user (or the user does not exist): nothing is read.</summary>
    PartnerNotLinked = 4,
}

/// <summary>One account's balance as the Messenger side may show it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.MessengerAccountBalance")]
public sealed record MessengerAccountBalance(
    [property: Id(0)] string AccountId,
    [property: Id(1)] Money.Money Balance);

/// <summary>
/// Answer to "balance of user U at bank B, on behalf of the messenger". On ConsentRequired,
/// <see cref="Consent"/> says why (missing, expired or revoked) and no balance is included.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.MessengerBalanceResult")]
public sealed record MessengerBalanceResult(
    [property: Id(0)] MessengerReadStatus Status,
    [property: Id(1)] ConsentDecision Consent,
    [property: Id(2)] IReadOnlyList<MessengerAccountBalance> Balances)
{
    public override string ToString() => Status switch
    {
        MessengerReadStatus.Ok => $"OK: {string.Join(", ", Balances.Select(b => $"{b.AccountId} {b.Balance}"))}",
        MessengerReadStatus.ConsentRequired => $"ConsentRequired: {Consent.Purpose} for {Consent.Bank} is {Consent.Status}",
        _ => $"NoAccountAtBank: no linked account at {Consent.Bank}",
    };
}

/// <summary>A user as the user sees themself (not erased).</summary>
[GenerateSerializer, Immutable, Alias("Actors.UserSnapshot")]
public sealed record UserSnapshot(
    [property: Id(0)] string UserId,
    [property: Id(1)] UserProfile Profile,
    [property: Id(2)] DateTimeOffset RegisteredAt,
    [property: Id(3)] IReadOnlyList<string> LinkedAccounts,
    [property: Id(4)] IReadOnlyList<ConsentRecord> Consents);
