namespace Actors.Users;

[GenerateSerializer, Alias("Actors.AuditAction")]
public enum AuditAction : byte
{
    ConsentGranted = 1,
    ConsentRevoked = 2,

    /// <summary>A read of bank data (or a consent check) on behalf of an actor.</summary>
    Access = 3,
    AccountLinked = 4,
    AccountUnlinked = 5,
    Exported = 6,
    PartnerLinked = 7,
    PartnerUnlinked = 8,
}

[GenerateSerializer, Alias("Actors.AuditOutcome")]
public enum AuditOutcome : byte
{
    Recorded = 0,
    Allowed = 1,
    Denied = 2,
}

/// <summary>
/// One line of a user's audit log: who did what, for which bank and purpose, and the outcome. A
/// denial that repeats (same actor, action, bank, purpose and detail) is one entry counting its
/// repeats, first seen at <see cref="At"/> and last at <see cref="LastAt"/>.
/// </summary>
/// <param name="Sequence">Order of the entry among all of the user's entries (the log and the denials are kept apart); 0 for entries written before it existed.</param>
/// <param name="Repeats">How often the same denial came again after the first (0: once).</param>
/// <param name="LastAt">When it came last; null when it came once.</param>
[GenerateSerializer, Immutable, Alias("Actors.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] AuditAction Action,
    [property: Id(3)] string? Bank,
    [property: Id(4)] ConsentPurpose? Purpose,
    [property: Id(5)] AuditOutcome Outcome,
    [property: Id(6)] string? Detail,
    [property: Id(7)] long Sequence = 0,
    [property: Id(8)] int Repeats = 0,
    [property: Id(9)] DateTimeOffset? LastAt = null)
{
    /// <summary>How many times this happened: 1 plus the repeats merged into the entry.</summary>
    public long Occurrences => 1L + Repeats;

    /// <summary>Whether <paramref name="other"/> is the same decision again (its time and count aside).</summary>
    public bool SameDecisionAs(AuditEntry other) =>
        other is not null && Actor == other.Actor && Action == other.Action && Bank == other.Bank && Purpose == other.Purpose
        && Outcome == other.Outcome && Detail == other.Detail;
}
