using Actors.Storage;
using Orleans.Storage;

namespace Actors.Grains.Storage;

/// <summary>
/// An append-only journal stored as fixed-size pages, each its own grain state ("name-0", "name-1", ...),
/// so that appending rewrites one small page instead of the whole log and an active grain holds no
/// page in memory between appends (each append reads and rewrites the open page); reading the
/// whole journal (exports, audit views — rare) reads the pages back. Past <c>maxEntries</c> the
/// oldest pages are cleared and counted in <see cref="JournalCursor.Dropped"/>.
/// <para>The cursor lives in the owner's state: <see cref="Append"/> reports when it moved, and the
/// owner writes its state then. If a crash lost that write, the open page is found full on the next
/// load and the journal moves on, so no entry is overwritten.</para>
/// </summary>
public sealed class PagedJournal<T>
{
    private readonly IGrainStorage _storage;
    private readonly GrainId _grainId;
    private readonly string _name;
    private readonly int _pageSize;
    private readonly int _maxPages;
    // The open page between a read and the append that follows it (OpenPageContains, then Append); dropped after each
    // append: a resident user holding a page of messages cost more memory than the read it saves (see UserGrain).
    private GrainState<JournalPage<T>>? _open;

    public PagedJournal(IGrainStorage storage, GrainId grainId, string name, int pageSize, int maxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, pageSize);
        _storage = storage;
        _grainId = grainId;
        _name = name;
        _pageSize = pageSize;
        _maxPages = ((maxEntries + pageSize - 1) / pageSize) + 1; // +1: the open page, so at least maxEntries are kept
    }

    /// <summary>Appends an entry; returns true when the cursor moved and the owner must write its state.</summary>
    public async Task<bool> Append(Func<JournalCursor> getCursor, Action<JournalCursor> setCursor, T entry)
    {
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
        var open = (await OpenPage(cursor)).State!.Entries;
        return open.Count > 0 || cursor.NextPage <= cursor.FirstPage ? open : (await ReadPage(cursor.NextPage - 1)).State!.Entries;
    }

    /// <summary>Every retained entry, oldest first (the open page included).</summary>
    public async Task<List<T>> ReadAll(JournalCursor cursor)
    {
        var all = new List<T>();
        for (var page = cursor.FirstPage; page < cursor.NextPage; page++)
        {
            all.AddRange((await ReadPage(page)).State!.Entries);
        }

        all.AddRange((await OpenPage(cursor)).State!.Entries);
        return all;
    }

    /// <summary>Removes every page; returns the cursor of an empty journal.</summary>
    public async Task<JournalCursor> Clear(JournalCursor cursor)
    {
        for (var page = cursor.FirstPage; page <= cursor.NextPage; page++)
        {
            await _storage.ClearStateAsync(PageName(page), _grainId, await ReadPage(page));
        }

        _open = null;
        return default;
    }

    private async Task<GrainState<JournalPage<T>>> OpenPage(JournalCursor cursor) => _open ??= await ReadPage(cursor.NextPage);

    private async Task<JournalCursor> Advance(JournalCursor cursor)
    {
        cursor.NextPage++;
        while (cursor.NextPage - cursor.FirstPage >= _maxPages)
        {
            var oldest = await ReadPage(cursor.FirstPage);
            cursor.Dropped += oldest.State!.Entries.Count;
            await _storage.ClearStateAsync(PageName(cursor.FirstPage), _grainId, oldest);
            cursor.FirstPage++;
        }

        return cursor;
    }

    private async Task<GrainState<JournalPage<T>>> ReadPage(long page)
    {
        var state = NewPage();
        await _storage.ReadStateAsync(PageName(page), _grainId, state);
        state.State ??= new JournalPage<T>();
        return state;
    }

    private static GrainState<JournalPage<T>> NewPage() => new(new JournalPage<T>());

    private string PageName(long page) => $"{_name}-{page}";
}
