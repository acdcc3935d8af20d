namespace Actors.Accounts;

[GenerateSerializer, Alias("Actors.AccountStatus")]
public enum AccountStatus : byte
{
    Active = 0,
    Frozen = 1,
    Closed = 2,
}

[GenerateSerializer, Alias("Actors.PostingKind")]
public enum PostingKind : byte
{
    Deposit = 1,
    Withdrawal = 2,
    CardAuthorization = 3,
    TransferDebit = 4,
    TransferCredit = 5,

    /// <summary>Gives back a debit that a failed transfer had taken; applied whatever the account's status.</summary>
    Reversal = 6,
}

[GenerateSerializer, Alias("Actors.PostingOutcome")]
public enum PostingOutcome : byte
{
    Applied = 1,
    Declined = 2,
}

[GenerateSerializer, Alias("Actors.DeclineReason")]
public enum DeclineReason : byte
{
    None = 0,
    InsufficientFunds = 1,
    AccountFrozen = 2,
    AccountClosed = 3,

    /// <summary>The request itself was malformed (card authorizations answer this instead of throwing).</summary>
    Invalid = 4,
    FraudSuspected = 5,
}
