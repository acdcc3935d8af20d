namespace Actors.Accounts;

/// <summary>Who or what froze an account.</summary>
[GenerateSerializer, Alias("Actors.FreezeKind")]
public enum FreezeKind : byte
{
    /// <summary>An operator or bank action with a reason of its own (<c>Freeze</c>).</summary>
    Operator = 1,

    /// <summary>The fraud detector declined a card authorization and froze the account.</summary>
    FraudSuspected = 2,

    /// <summary>The owner answered a fraud alert with "not me".</summary>
    OwnerReportedFraud = 3,
}

/// <summary>
/// The provenance of a freeze: its kind, the transaction it concerns (for the fraud kinds) and the reason shown to
/// people. Decisions read the kind and the transaction, never the text: "it was me" on an alert lifts only a freeze
/// of kind <see cref="FreezeKind.FraudSuspected"/> on that same transaction. A class, referenced only while the
/// account is frozen (almost never), so that an active account holds one null reference.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.FrozenBy")]
public sealed record FrozenBy(
    [property: Id(0)] FreezeKind Kind,
    [property: Id(1)] string? TransactionId,
    [property: Id(2)] string Reason)
{
    public static FrozenBy Operator(string reason) => new(FreezeKind.Operator, null, reason);

    public static FrozenBy FraudSuspected(string transactionId, string? rules) =>
        new(FreezeKind.FraudSuspected, transactionId, rules is null ? $"fraud suspected on {transactionId}" : $"fraud suspected on {transactionId}: {rules}");

    public static FrozenBy OwnerReportedFraud(string transactionId) =>
        new(FreezeKind.OwnerReportedFraud, transactionId, $"owner reported fraud on {transactionId}");

    /// <summary>Whether this freeze is the fraud detector's, for <paramref name="transactionId"/> exactly.</summary>
    public bool IsFraudSuspicionOn(string transactionId) =>
        Kind == FreezeKind.FraudSuspected && string.Equals(TransactionId, transactionId, StringComparison.Ordinal);
}
