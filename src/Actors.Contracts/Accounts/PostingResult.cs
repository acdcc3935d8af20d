using Actors.Money;

namespace Actors.Accounts;

/// <summary>
/// The answer to a posting (deposit, withdrawal, card authorization, transfer leg).
/// A repeated transaction id returns the first answer again with <see cref="Replayed"/> set.
/// <see cref="Fraud"/> is the fraud detector's assessment of a card authorization (clean otherwise,
/// and on a replay, which never reaches the detector again).
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.PostingResult")]
public sealed record PostingResult(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] PostingKind Kind,
    [property: Id(2)] PostingOutcome Outcome,
    [property: Id(3)] DeclineReason Reason,
    [property: Id(4)] Money.Money Amount,
    [property: Id(5)] Money.Money Balance,
    [property: Id(6)] bool Replayed = false,
    [property: Id(7)] string? Message = null,
    [property: Id(8)] Fraud.FraudAssessment Fraud = default)
{
    public bool Approved => Outcome == PostingOutcome.Applied;

    public override string ToString() => Outcome == PostingOutcome.Applied
        ? $"{Kind} {TransactionId}: applied {Amount}, balance {Balance}{(Replayed ? " (replayed)" : "")}"
        : $"{Kind} {TransactionId}: declined ({Reason}{(Message is null ? "" : ": " + Message)}), balance {Balance}{(Replayed ? " (replayed)" : "")}";
}
