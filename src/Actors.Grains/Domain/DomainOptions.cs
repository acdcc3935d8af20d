using System.ComponentModel.DataAnnotations;

namespace Actors.Domain;

/// <summary>Limits of an account's memory (configuration section <c>Actors:Accounts</c>).</summary>
public sealed class AccountOptions : IValidatableObject
{
    public const string SectionName = "Actors:Accounts";
    public const int DefaultIdempotencyWindow = 32;
    public const int DefaultHistoryCapacity = 100;
    public const int DefaultHistoryFlushInterval = 8;

    /// <summary>
    /// How many of the latest postings' transaction ids an account remembers (default 32, 4 bytes each; their answers
    /// are in the history, so <see cref="HistoryCapacity"/> must be at least this). A repeated id inside the window
    /// returns the first answer; an id older than the window is treated as new.
    /// </summary>
    [Range(1, 4096)]
    public int IdempotencyWindow { get; set; } = DefaultIdempotencyWindow;

    /// <summary>Entries of recent history kept per account (default 100).</summary>
    [Range(1, 10_000)]
    public int HistoryCapacity { get; set; } = DefaultHistoryCapacity;

    /// <summary>
    /// Entries in a page of the account history (default 8). New entries wait in the hot state, committed with the
    /// posting they describe, until a page's worth has gathered; that page is then written as its own state.
    /// </summary>
    [Range(1, 10_000)]
    public int HistoryFlushInterval { get; set; } = DefaultHistoryFlushInterval;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A repeat is answered from the history: a window reaching past it would take a remembered repeat for a new posting.
        if (HistoryCapacity < IdempotencyWindow)
        {
            yield return new ValidationResult(
                $"must be at least IdempotencyWindow ({IdempotencyWindow}): repeats inside the window are answered from the history",
                [nameof(HistoryCapacity)]);
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
