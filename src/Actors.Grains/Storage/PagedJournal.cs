using Actors.Storage;
using Orleans.Storage;

namespace Actors.Grains.Storage;

/// <summary>Where a journal's newest entries wait until they fill a page.</summary>
public enum JournalMode
{
    /// <summary>
    /// In an open page of its own in storage ("name-{NextPage}"), rewritten by each <see cref="PagedJournal{T}.Append"/>;
    /// the grain holds no entry in memory between appends (the user's audit log, denials and inbox).
    /// </summary>
    OpenPage,

    /// <summary>
    /// In the owner's hot state, committed with the change they describe; the owner hands each full page to
    /// <see cref="PagedJournal{T}.Seal"/> (the account history: a posting and its history entry commit together).
    /// </summary>
    PendingInOwnerState,
}

/// <summary>
/// An append-only journal stored as fixed-size pages, each its own grain state ("name-0", "name-1", ...), with its
/// cursor (<see cref="JournalCursor"/>) in the owner's state: appending rewrites one small page instead of the whole
/// log, and reading the whole journal (exports, history views: rare) reads the pages back. Past the retention limit
/// the oldest pages leave the cursor and are counted in <see cref="JournalCursor.Dropped"/>.
/// <para>
/// One commit order, in either <see cref="JournalMode"/>: (1) pages are written at or above the cursor's next page;
/// (2) the owner commits its state with the moved cursor; (3) only then are the pages that left the cursor cleared
/// (<see cref="ClearRetired"/>). A crash before (2) leaves a page above the stored cursor, invisible, which the next
/// write there overwrites (and an open page found full moves the journal on, so no entry is overwritten); a crash
/// between (2) and (3) leaves an unreadable page below the cursor, which costs storage and nothing else. Cleared
/// before the commit, a failed commit would leave the stored cursor pointing at pages that no longer exist.
/// </para>
/// <para>
/// An instance is short-lived (made for one call: a resident grain holds none), and the pages it retires wait in it
/// until <see cref="ClearRetired"/>: use one instance from the change to the clearing after the owner's commit.
/// </para>
/// </summary>
public sealed class PagedJournal<T>
{
    private readonly IGrainStorage _storage;
    private readonly GrainId _grainId;
    private readonly string _name;
    private readonly int _pageSize;
    private readonly int _maxPages;
    private readonly JournalMode _mode;

    // The open page between a read and the append that follows it (OpenPageContains, then Append); dropped after each
    // append: a resident user holding a page of messages cost more memory than the read it saves (see UserGrain).
    private GrainState<JournalPage<T>>? _open;

    // Pages that have left the cursor, cleared only after the owner's commit (see ClearRetired).
    private List<(long Page, GrainState<JournalPage<T>> State)>? _retired;

    /// <param name="maxEntries">
    /// The retention limit: at least this many of the newest entries are kept (whole pages, so up to a page more).
    /// </param>
    public PagedJournal(IGrainStorage storage, GrainId grainId, string name, int pageSize, int maxEntries, JournalMode mode = JournalMode.OpenPage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, pageSize);
        _storage = storage;
        _grainId = grainId;
        _name = name;
        _pageSize = pageSize;
        _mode = mode;
        // Sealed pages only, in the owner-state mode; in the open-page mode one more, the open page, so that at least
        // maxEntries are kept when it has just been started.
        _maxPages = ((maxEntries + pageSize - 1) / pageSize) + (mode == JournalMode.OpenPage ? 1 : 0);
    }

    public int PageSize => _pageSize;

    /// <summary>The name of page <paramref name="page"/>'s grain state.</summary>
    public string PageName(long page) => $"{_name}-{page}";

    /// <summary>Whether pages have left the cursor and wait for <see cref="ClearRetired"/>.</summary>
    public bool HasRetired => _retired is { Count: > 0 };

    // ---- PendingInOwnerState ----

    /// <summary>
    /// Writes a full page of the owner's pending entries at the cursor's next page and moves the cursor past it; then
    /// retires the oldest pages beyond the retention limit while <paramref name="mayRetire"/> (asked with 0, 1, ...: the
    /// index of the oldest page still kept, counted from the cursor's first page) allows it. Returns the moved cursor
    /// and how many pages left it; the owner commits that cursor, then calls <see cref="ClearRetired"/>.
    /// </summary>
    public async Task<(JournalCursor Cursor, int Retired)> Seal(JournalCursor cursor, List<T> entries, Func<int, bool>? mayRetire = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (_mode != JournalMode.PendingInOwnerState)
        {
            throw new InvalidOperationException($"Journal '{_name}' keeps an open page in storage: append to it, do not seal pages.");
        }

        await WritePage(cursor.NextPage, entries);
        cursor.NextPage++;
        var retired = 0;
        while (cursor.NextPage - cursor.FirstPage > _maxPages && (mayRetire?.Invoke(retired) ?? true))
        {
            cursor = await RetireOldest(cursor);
            retired++;
        }

        return (cursor, retired);
    }

    // ---- OpenPage ----

    /// <summary>
    /// Appends an entry to the open page; returns true when the cursor moved and the owner must write its state (and
    /// then call <see cref="ClearRetired"/>).
    /// </summary>
    public async Task<bool> Append(Func<JournalCursor> getCursor, Action<JournalCursor> setCursor, T entry)
    {
        ArgumentNullException.ThrowIfNull(getCursor);
        ArgumentNullException.ThrowIfNull(setCursor);
        EnsureOpenPageMode();
        var cursor = getCursor();
        var moved = false;
        var open = await OpenPage(cursor);
        if (open.State!.Entries.Count >= _pageSize)
        {
            // Found full: the write that moved the cursor was lost. Move on without touching it.
            cursor = await Advance(cursor);
            open = _open = NewPage();
            moved = true;
        }

        open.State!.Entries.Add(entry);
        await _storage.WriteStateAsync(PageName(cursor.NextPage), _grainId, open);
        _open = null;
        if (open.State.Entries.Count >= _pageSize)
        {
            cursor = await Advance(cursor);
            moved = true;
        }

        if (moved)
        {
            setCursor(cursor);
        }

        return moved;
    }

    /// <summary>
    /// Whether the open page (the newest entries, up to a page) holds an entry that matches. The page read here is the
    /// one the next <see cref="Append"/> uses, so checking before appending costs no second read.
    /// </summary>
    public async Task<bool> OpenPageContains(JournalCursor cursor, Func<T, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        EnsureOpenPageMode();
        return (await OpenPage(cursor)).State!.Entries.Any(match);
    }

    /// <summary>
    /// Replaces the newest entry of the open page that matches with <paramref name="update"/> of it and writes the
    /// page; false (nothing written) when no entry there matches. The page read here is the one a following
    /// <see cref="Append"/> uses, so trying to merge before appending costs no second read.
    /// </summary>
    public async Task<bool> TryUpdateOpenPage(JournalCursor cursor, Func<T, bool> match, Func<T, T> update)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(update);
        EnsureOpenPageMode();
        var open = await OpenPage(cursor);
        var entries = open.State!.Entries;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (match(entries[i]))
            {
                entries[i] = update(entries[i]);
                await _storage.WriteStateAsync(PageName(cursor.NextPage), _grainId, open);
                _open = null;
                return true;
            }
        }

        return false;
    }

    /// <summary>The newest entries: the open page's, or the page before it when the open one is still empty.</summary>
    public async Task<List<T>> NewestEntries(JournalCursor cursor)
    {
        EnsureOpenPageMode();
        var open = (await OpenPage(cursor)).State!.Entries;
        return open.Count > 0 || cursor.NextPage <= cursor.FirstPage ? open : await ReadEntries(cursor.NextPage - 1);
    }

    /// <summary>Every retained entry, oldest first (the open page included).</summary>
    public async Task<List<T>> ReadAll(JournalCursor cursor)
    {
        EnsureOpenPageMode();
        var all = new List<T>();
        for (var page = cursor.FirstPage; page < cursor.NextPage; page++)
        {
            all.AddRange(await ReadEntries(page));
        }

        all.AddRange((await OpenPage(cursor)).State!.Entries);
        return all;
    }

    /// <summary>
    /// Removes every page, the open one included (erasure: the entries must go, so they go before the owner writes its
    /// emptied state; a crash in between leaves a cursor over pages that read as empty). Returns an empty journal's cursor.
    /// </summary>
    public async Task<JournalCursor> Clear(JournalCursor cursor)
    {
        for (var page = cursor.FirstPage; page <= cursor.NextPage; page++)
        {
            await _storage.ClearStateAsync(PageName(page), _grainId, await ReadPage(page));
        }

        _open = null;
        _retired = null;
        return default;
    }

    // ---- Both modes ----

    /// <summary>The entries of a page (empty for a page that was never written or was cleared).</summary>
    public async Task<List<T>> ReadEntries(long page) => (await ReadPage(page)).State!.Entries;

    /// <summary>
    /// The entries of each sealed page (below the cursor's next page), from the newest back, one page read at a time; no
    /// further page is read once <paramref name="stopBefore"/> says the caller has enough.
    /// </summary>
    public async IAsyncEnumerable<List<T>> PagesNewestFirst(JournalCursor cursor, Func<bool> stopBefore)
    {
        ArgumentNullException.ThrowIfNull(stopBefore);
        for (var page = cursor.NextPage - 1; page >= cursor.FirstPage && !stopBefore(); page--)
        {
            yield return await ReadEntries(page);
        }
    }

    /// <summary>
    /// Clears the pages that left the cursor: call it after the owner committed the moved cursor, never before (see the
    /// class remarks). Does nothing when none did.
    /// </summary>
    public async Task ClearRetired()
    {
        if (_retired is not { } retired)
        {
            return;
        }

        _retired = null;
        foreach (var (page, state) in retired)
        {
            await _storage.ClearStateAsync(PageName(page), _grainId, state);
        }
    }

    private void EnsureOpenPageMode()
    {
        if (_mode != JournalMode.OpenPage)
        {
            throw new InvalidOperationException($"Journal '{_name}' keeps its pending entries in its owner's state: seal full pages, there is no open page.");
        }
    }

    private async Task<GrainState<JournalPage<T>>> OpenPage(JournalCursor cursor) => _open ??= await ReadPage(cursor.NextPage);

    private async Task<JournalCursor> Advance(JournalCursor cursor)
    {
        cursor.NextPage++;
        while (cursor.NextPage - cursor.FirstPage >= _maxPages)
        {
            cursor = await RetireOldest(cursor);
        }

        return cursor;
    }

    /// <summary>The oldest page leaves the cursor now (its entries counted as dropped) and storage after the owner's commit.</summary>
    private async Task<JournalCursor> RetireOldest(JournalCursor cursor)
    {
        var oldest = await ReadPage(cursor.FirstPage);
        cursor.Dropped += oldest.State!.Entries.Count;
        (_retired ??= []).Add((cursor.FirstPage, oldest));
        cursor.FirstPage++;
        return cursor;
    }

    /// <summary>
    /// Writes a page by overwrite. Normally the page is new; after a crash before a commit it may exist already
    /// (invisible, above the cursor), and stores check etags, so take its etag and retry.
    /// </summary>
    private async Task WritePage(long page, List<T> entries)
    {
        var state = new GrainState<JournalPage<T>>(new JournalPage<T> { Entries = entries });
        try
        {
            await _storage.WriteStateAsync(PageName(page), _grainId, state);
        }
        catch (InconsistentStateException)
        {
            var leftover = await ReadPage(page);
            leftover.State = state.State;
            await _storage.WriteStateAsync(PageName(page), _grainId, leftover);
        }
    }

    private async Task<GrainState<JournalPage<T>>> ReadPage(long page)
    {
        var state = NewPage();
        await _storage.ReadStateAsync(PageName(page), _grainId, state);
        state.State ??= new JournalPage<T>();
        return state;
    }

    private static GrainState<JournalPage<T>> NewPage() => new(new JournalPage<T>());
}
