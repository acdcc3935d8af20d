namespace Actors.Errors;

/// <summary>What kind of bad input or forbidden operation a <see cref="DomainException"/> reports.</summary>
[GenerateSerializer, Alias("Actors.DomainError")]
public enum DomainError
{
    InvalidAmount = 1,
    CurrencyMismatch = 2,
    AmountOverflow = 3,
    UnknownCurrency = 4,
    MalformedId = 5,
    AccountNotFound = 6,
    AccountAlreadyExists = 7,
    InvalidAccountState = 8,
    TransactionIdReused = 9,
    UserNotFound = 10,
    UserAlreadyExists = 11,
    UserErased = 12,
    InvalidArgument = 13,
    NotAccountOwner = 14,
    TransferNotFound = 15,
    AlertNotFound = 16,

    /// <summary>The Messenger partner is not linked to the user.</summary>
    PartnerNotLinked = 17,

    /// <summary>
    /// A transaction id repeated after the account's idempotency horizon (transaction_id_expired): refused, never posted
    /// again; the caller must use a new id for a new posting.
    /// </summary>
    TransactionIdExpired = 18,
}
