namespace Actors.Simulation.Replay;

/// <summary>What became of one replayed event.</summary>
public enum ReplayOutcome : byte
{
    /// <summary>The cluster did what the event says.</summary>
    Applied = 0,

    /// <summary>The cluster answered no, with a reason (insufficient funds, consent required, ...).</summary>
    Declined = 1,

    /// <summary>The call failed: an error (typed domain error, timeout, ...).</summary>
    Failed = 2,

    /// <summary>The event has no grain to go to (merchant registrations: merchants are not grains yet).</summary>
    Skipped = 3,
}

/// <summary>
/// The outcome of one event with its reason (declines) or error (failures); for a card
/// authorization also what the bank decided, fraud-wise (<see cref="Fraud.CardDecision"/>).
/// </summary>
public readonly record struct EventOutcome(ReplayOutcome Outcome, string? Detail = null, Fraud.CardDecision? Card = null)
{
    public static readonly EventOutcome Applied = new(ReplayOutcome.Applied);
}
