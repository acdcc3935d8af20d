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

/// <summary>One line of a user's audit log: who did what, for which bank and purpose, and the outcome.</summary>
[GenerateSerializer, Immutable, Alias("Actors.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] AuditAction Action,
    [property: Id(3)] string? Bank,
    [property: Id(4)] ConsentPurpose? Purpose,
    [property: Id(5)] AuditOutcome Outcome,
    [property: Id(6)] string? Detail);
