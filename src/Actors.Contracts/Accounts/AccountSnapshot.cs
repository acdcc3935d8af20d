namespace Actors.Accounts;

/// <summary>What an account holds right now, as the bank sees it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.AccountSnapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Owner,
    [property: Id(2)] string Bank,
    [property: Id(3)] AccountStatus Status,
    [property: Id(4)] Money.Money Balance,
    [property: Id(5)] string? FrozenReason,
    [property: Id(6)] long Postings,
    [property: Id(7)] FraudState Fraud);

/// <summary>One line of an account's bounded recent history.</summary>
[GenerateSerializer, Immutable, Alias("Actors.HistoryEntry")]
public sealed record HistoryEntry(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] PostingKind Kind,
    [property: Id(2)] PostingOutcome Outcome,
    [property: Id(3)] DeclineReason Reason,
    [property: Id(4)] long AmountMinor,
    [property: Id(5)] long BalanceAfterMinor,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string? Counterparty);
