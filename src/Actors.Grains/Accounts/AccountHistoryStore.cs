using Actors.Domain;
using Actors.Grains.Storage;
using Actors.Storage;
using Orleans.Storage;

namespace Actors.Accounts;

/// <summary>
/// An account's history in storage: the ledger appends entries to the hot state's pending buffer; a page's worth goes
/// to a journal page of its own (<see cref="PagedJournal{T}"/> in <see cref="JournalMode.PendingInOwnerState"/>), with
/// one filter record per page in the hot state so that a repeated transaction id older than the pending entries is
/// found without reading every page. One instance per silo (in <see cref="AccountGrainServices"/>): it holds nothing
/// of any account, which passes its id and state to each call.
/// </summary>
public sealed class AccountHistoryStore(IGrainStorage storage, AccountOptions options, TimeProvider time)
{
    public const string JournalName = "history";

    /// <summary>Entries a page holds (the options' page size, at most the capacity).</summary>
    public int PageSize { get; } = Math.Min(options.HistoryPageSize, options.HistoryCapacity);

    private PagedJournal<HistoryEntry> Journal(GrainId account) =>
        new(storage, account, JournalName, PageSize, options.HistoryCapacity, JournalMode.PendingInOwnerState);

    /// <summary>
    /// Whether the state's page filters match its pages; when not (a state restored by hand, say), reads each page
    /// once and records its filter again, in memory: it is written with the next change (a crash before that only
    /// means this runs again).
    /// </summary>
    public async Task EnsureFilters(GrainId account, AccountState state)
    {
        var cursor = state.History;
        if (PageFilters.Count(state.Filters) == cursor.NextPage - cursor.FirstPage)
        {
            return;
        }

        var journal = Journal(account);
        var filters = new byte[(cursor.NextPage - cursor.FirstPage) * PageFilters.RecordSize];
        for (var page = cursor.FirstPage; page < cursor.NextPage; page++)
        {
            var entries = await journal.ReadEntries(page);
            RecordFilter(filters.AsSpan((int)(page - cursor.FirstPage) * PageFilters.RecordSize, PageFilters.RecordSize), entries);
        }

        state.HistoryFilters = filters;
    }

    /// <summary>
    /// Seals each full page of pending entries into the journal and moves the cursor and filters in the hot state,
    /// retiring the oldest pages past the capacity once they also hold no posting inside the idempotency horizon and
    /// the expired-id retention after it. Returns the journal to call <see cref="PagedJournal{T}.ClearRetired"/> on
    /// once the hot state is committed, or null when no page was full (almost every posting: nothing is allocated).
    /// </summary>
    public async Task<PagedJournal<HistoryEntry>?> SealFullPages(GrainId account, AccountState state)
    {
        if (HistoryBuffer.Count(state.Pending) < PageSize)
        {
            return null;
        }

        var journal = Journal(account);
        var forgetBefore = time.GetUtcNow() - options.IdempotencyHorizon - options.ExpiredIdRetention;
        while (HistoryBuffer.Count(state.Pending) >= PageSize)
        {
            var page = HistoryBuffer.Oldest(state.Pending, PageSize);
            // Asked before this page's filter shift below, so index i is the filter of the i-th oldest page.
            var (cursor, retired) = await journal.Seal(state.History, page,
                i => i < PageFilters.Count(state.Filters) && PageFilters.Newest(state.Filters, i) < forgetBefore);
            state.RemoveOldestPending(page.Count);
            var record = new byte[PageFilters.RecordSize];
            RecordFilter(record, page);
            state.ShiftFilters(retired, record);
            state.History = cursor;
        }

        return journal;
    }

    /// <summary>
    /// The pages the ledger names for a transaction id (<see cref="AccountLedger.PagesThatMayHold"/>) looked up newest
    /// first (a retry is usually in the newest). Null when it names none (almost every posting: no page is read).
    /// </summary>
    public async Task<OlderHistory?> Find(GrainId account, IReadOnlyList<long> pages, string? transactionId)
    {
        if (pages.Count == 0)
        {
            return null;
        }

        var journal = Journal(account);
        foreach (var page in pages)
        {
            if ((await journal.ReadEntries(page)).FindLast(e => e.TransactionId == transactionId) is { } found)
            {
                return new OlderHistory(transactionId!, found);
            }
        }

        return new OlderHistory(transactionId!, null);
    }

    /// <summary>The newest <paramref name="max"/> entries (at most the capacity), newest first.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> Newest(GrainId account, AccountState state, int max)
    {
        // Cursor and pending entries first: a posting that interleaves with the page reads below may move pending
        // entries to a page past this cursor, and they must be neither missed nor read twice.
        var cursor = state.History;
        var pending = HistoryBuffer.Read(state.Pending); // copied out before any await: postings change the buffer in place

        // The journal keeps whole pages, so it may hold a few more than the capacity; readers see the capacity.
        var count = Math.Min(max, options.HistoryCapacity);
        var newestFirst = new List<HistoryEntry>(count);
        newestFirst.AddRange(Enumerable.Reverse(pending).Take(count));
        // The iterator reads a page when asked for it: stop asking once the answer is complete.
        await foreach (var entries in Journal(account).PagesNewestFirst(cursor, stopBefore: () => newestFirst.Count >= count))
        {
            newestFirst.AddRange(Enumerable.Reverse(entries).Take(count - newestFirst.Count));
        }

        return newestFirst;
    }

    private static void RecordFilter(Span<byte> record, List<HistoryEntry> entries)
    {
        var hashes = new ulong[entries.Count];
        var newest = DateTimeOffset.MinValue;
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = TransactionIdHash.Of(entries[i].TransactionId);
            newest = entries[i].At > newest ? entries[i].At : newest;
        }

        PageFilters.Write(record, hashes, newest);
    }
}
