using System.ComponentModel.DataAnnotations;

namespace Actors.Domain;

/// <summary>Limits of an account's memory (configuration section <c>Actors:Accounts</c>).</summary>
public sealed class AccountOptions : IValidatableObject
{
    public const string SectionName = "Actors:Accounts";
    public const int DefaultIdempotencyWindow = 32;
    public const int DefaultHistoryCapacity = 100;
    public const int DefaultHistoryPageSize = 8;
    public static readonly TimeSpan DefaultIdempotencyHorizon = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultExpiredIdRetention = TimeSpan.FromHours(24);
    private static readonly TimeSpan MaxRetention = TimeSpan.FromDays(3650);

    /// <summary>
    /// Kept so that existing configurations load: before ids were remembered by time, how many of the latest postings'
    /// ids an account remembered. Now a lower bound the history respects (<see cref="HistoryCapacity"/> must be at least
    /// this); repeats are recognised for <see cref="IdempotencyHorizon"/> whatever their number.
    /// </summary>
    [Range(1, 4096)]
    public int IdempotencyWindow { get; set; } = DefaultIdempotencyWindow;

    /// <summary>
    /// How long, on the account's own clock, a repeated transaction id is answered with its first answer (default 24 h,
    /// as payment APIs keep idempotency keys), however many postings came in between. Every posting's history entry is
    /// kept at least this long (in storage; ~2.6 bytes a posting of filter in the hot state).
    /// </summary>
    public TimeSpan IdempotencyHorizon { get; set; } = DefaultIdempotencyHorizon;

    /// <summary>
    /// How long after <see cref="IdempotencyHorizon"/> a repeat is still recognised and refused as
    /// <see cref="Errors.DomainError.TransactionIdExpired"/> (default 24 h). Past both, the id is forgotten and a posting
    /// with it is new.
    /// </summary>
    public TimeSpan ExpiredIdRetention { get; set; } = DefaultExpiredIdRetention;

    /// <summary>Entries of recent history kept per account (default 100).</summary>
    [Range(1, 10_000)]
    public int HistoryCapacity { get; set; } = DefaultHistoryCapacity;

    /// <summary>
    /// Entries in a page of the account history (default 8). New entries wait in the hot state, committed with the
    /// posting they describe, until a page's worth has gathered; that page is then written as its own state.
    /// </summary>
    [Range(1, 10_000)]
    public int HistoryPageSize { get; set; } = DefaultHistoryPageSize;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Kept from when a window of IdempotencyWindow ids decided repeats: configurations that relied on the history
        // holding at least that many postings still get it.
        if (HistoryCapacity < IdempotencyWindow)
        {
            yield return new ValidationResult(
                $"must be at least IdempotencyWindow ({IdempotencyWindow}): the history keeps at least that many postings",
                [nameof(HistoryCapacity)]);
        }

        if (IdempotencyHorizon <= TimeSpan.Zero || IdempotencyHorizon > MaxRetention)
        {
            yield return new ValidationResult($"must be positive and at most 3650 days, was {IdempotencyHorizon}", [nameof(IdempotencyHorizon)]);
        }

        if (ExpiredIdRetention < TimeSpan.Zero || ExpiredIdRetention > MaxRetention)
        {
            yield return new ValidationResult($"must be zero or positive and at most 3650 days, was {ExpiredIdRetention}", [nameof(ExpiredIdRetention)]);
        }
    }
}

/// <summary>Limits of a user's Messenger-side data (configuration section <c>Actors:Users</c>).</summary>
public sealed class UserOptions
{
    public const string SectionName = "Actors:Users";
    public const int DefaultInboxCapacity = 100;
    public const int DefaultAuditRetention = 1000;
    public const int DefaultDenialRetention = 256;

    /// <summary>Messages kept in the inbox; the oldest fall out first (default 100).</summary>
    [Range(1, 10_000)]
    public int InboxCapacity { get; set; } = DefaultInboxCapacity;

    /// <summary>Audit entries kept per user (default 1000); dropped ones are counted, never silently lost.</summary>
    [Range(10, 1_000_000)]
    public int AuditRetention { get; set; } = DefaultAuditRetention;

    /// <summary>
    /// Denied accesses kept per user (default 256), in their own journal so that they never push out the audit
    /// entries above; a denial that repeats is one counted entry, dropped ones are counted.
    /// </summary>
    [Range(16, 1_000_000)]
    public int DenialRetention { get; set; } = DefaultDenialRetention;
}
