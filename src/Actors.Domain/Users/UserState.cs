namespace Actors.Users;

/// <summary>Profile, linked accounts and consent ledger of a user (written on changes only).</summary>
[GenerateSerializer, Alias("Actors.UserState")]
public sealed class UserState
{
    /// <summary>The layout this build writes (see <see cref="Storage.StateLayout"/>).</summary>
    public const int CurrentLayout = 1;

    /// <summary>The layout the state was written in: always <see cref="CurrentLayout"/> when written; a newer one is refused on read.</summary>
    [Id(9)]
    public int Layout { get => CurrentLayout; set => Storage.StateLayout.Check(nameof(UserState), value, CurrentLayout); }

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
