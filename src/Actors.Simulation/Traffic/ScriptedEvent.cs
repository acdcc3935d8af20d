namespace Actors.Simulation.Traffic;

/// <summary>
/// An event planned ahead (the later steps of a fraud episode, a chargeback), kept by index until its
/// time comes. Indexes of -1 mean "not used by this event type"; <see cref="OriginalSeq"/> is the
/// disputed payment of a chargeback.
/// </summary>
internal readonly record struct ScriptedEvent(
    long TimeMs,
    EventType Type,
    FraudLabel Label,
    long Episode,
    int Account,
    int Merchant,
    long AmountMinor,
    int Country,
    int Device,
    int CounterAccount,
    long OriginalSeq = 0)
{
    /// <summary>The account's card a card payment uses (1-3; see <see cref="CardBook"/>), carried on to its refund or chargeback.</summary>
    public int Card { get; init; }
}
