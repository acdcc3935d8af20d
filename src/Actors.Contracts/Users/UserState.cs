namespace Actors.Users;

/// <summary>A user's Messenger-side profile. Synthetic: no real person is behind it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string Locale,
    [property: Id(2)] string Country,
    [property: Id(3)] string MessengerId);

/// <summary>The latest decision on one (bank, purpose) consent.</summary>
[GenerateSerializer, Immutable, Alias("Actors.ConsentRecord")]
public sealed record ConsentRecord(
    [property: Id(0)] string Bank,
    [property: Id(1)] ConsentPurpose Purpose,
    [property: Id(2)] DateTimeOffset GrantedAt,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] DateTimeOffset? RevokedAt)
{
    public ConsentStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? ConsentStatus.Revoked
        : ExpiresAt is { } expires && expires <= now ? ConsentStatus.Expired
        : ConsentStatus.Granted;
}

/// <summary>Profile, linked accounts and consent ledger of a user (written on changes only).</summary>
[GenerateSerializer, Alias("Actors.UserState")]
public sealed class UserState
{
    [Id(0)] public UserProfile? Profile { get; set; }
    [Id(1)] public DateTimeOffset RegisteredAt { get; set; }
    [Id(2)] public List<string> LinkedAccounts { get; set; } = [];
    [Id(3)] public List<ConsentRecord> Consents { get; set; } = [];

    /// <summary>Set when the user was erased; the tombstone keeps nothing else.</summary>
    [Id(4)] public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>Pages of the audit log (kept as separate states, see PagedJournal).</summary>
    [Id(5)] public Storage.JournalCursor Audit { get; set; }

    /// <summary>Pages of the inbox.</summary>
    [Id(6)] public Storage.JournalCursor Inbox { get; set; }

    /// <summary>Messenger partners the user has linked (who may read, each read still consent-checked).</summary>
    [Id(7)] public List<string>? Partners { get; set; } // null until the first partner: most users have none (32 bytes each)

    /// <summary>
    /// Pages of the denied accesses, apart from <see cref="Audit"/>: denials are what anyone can cause (another
    /// user, an unlinked partner), so they may only push out older denials, never the consent changes, links and
    /// allowed reads that GDPR accountability needs.
    /// </summary>
    [Id(8)] public Storage.JournalCursor Denials { get; set; }
}
