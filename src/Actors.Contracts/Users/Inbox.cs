namespace Actors.Users;

[GenerateSerializer, Alias("Actors.InboxMessageKind")]
public enum InboxMessageKind : byte
{
    Transaction = 1,
    Balance = 2,
    FraudAlert = 3,
}

/// <summary>A message in the user's Messenger inbox.</summary>
[GenerateSerializer, Immutable, Alias("Actors.InboxMessage")]
public sealed record InboxMessage(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] InboxMessageKind Kind,
    [property: Id(2)] string Bank,
    [property: Id(3)] string AccountId,
    [property: Id(4)] string? TransactionId,
    [property: Id(5)] string Text);

/// <summary>A notification an account sends to its owner's inbox.</summary>
[GenerateSerializer, Immutable, Alias("Actors.TransactionNotification")]
public sealed record TransactionNotification(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string TransactionId,
    [property: Id(2)] InboxMessageKind Kind,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At);
