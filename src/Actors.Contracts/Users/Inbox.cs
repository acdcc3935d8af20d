namespace Actors.Users;

[GenerateSerializer, Alias("Actors.InboxMessageKind")]
public enum InboxMessageKind : byte
{
    Transaction = 1,
    Balance = 2,
    FraudAlert = 3,
}

/// <summary>
/// A message in the user's Messenger inbox. Stored as structured fields (its <see cref="Text"/> is
/// rendered on read), which keeps an inbox page small.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.InboxMessage")]
public sealed record InboxMessage(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] InboxMessageKind Kind,
    [property: Id(2)] string Bank,
    [property: Id(3)] string AccountId,
    [property: Id(4)] string? TransactionId,
    [property: Id(5)] Accounts.PostingKind Posting,
    [property: Id(6)] Money.Money Amount,
    [property: Id(7)] Money.Money Balance,
    [property: Id(8)] string? Detail = null)
{
    public string Text => TransactionNotification.Render(Kind, Posting, Amount, Balance, AccountId, Detail);
}

/// <summary>A notification an account sends to its owner's inbox: a posting, or a fraud alert.</summary>
[GenerateSerializer, Immutable, Alias("Actors.TransactionNotification")]
public sealed record TransactionNotification(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string TransactionId,
    [property: Id(2)] InboxMessageKind Kind,
    [property: Id(3)] Accounts.PostingKind Posting,
    [property: Id(4)] Money.Money Amount,
    [property: Id(5)] Money.Money Balance,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string? Detail = null)
{
    public string Text => Render(Kind, Posting, Amount, Balance, AccountId, Detail);

    public static string Render(InboxMessageKind kind, Accounts.PostingKind posting, Money.Money amount, Money.Money balance, string accountId, string? detail) =>
        kind == InboxMessageKind.FraudAlert
            ? $"Fraud alert on {accountId}: {posting} of {amount} ({detail ?? "suspicious activity"}). Was it you?"
            : $"{posting} of {amount} on {accountId}; balance {balance}";
}
