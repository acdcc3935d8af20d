using Actors.Grains.Storage;
using Actors.Storage;
using Actors.Tests.Cluster;

namespace Actors.Tests.Storage;

/// <summary>
/// One journal, one commit order: pages that leave the cursor stay in storage until the owner has committed the moved
/// cursor, in both modes, so a failed or lost owner write never leaves a stored cursor over pages that are gone.
/// </summary>
public sealed class PagedJournalTests
{
    private static readonly GrainId Owner = GrainId.Create("user", "alice");

    [Fact]
    public async Task Open_page_mode_retires_the_oldest_page_only_when_the_owner_has_committed()
    {
        var storage = ProcessMemoryGrainStorageTests.NewStorage();
        var cursor = default(JournalCursor);
        var journal = new PagedJournal<string>(storage, Owner, "audit", pageSize: 2, maxEntries: 4);
        foreach (var entry in new[] { "a", "b", "c", "d" })
        {
            if (await journal.Append(() => cursor, c => cursor = c, entry))
            {
                await journal.ClearRetired(); // as the owner does after writing its state
            }
        }

        // Pages: 0 = [a, b], 1 = [c, d], 2 open. The next full page moves the cursor past the retention limit.
        Assert.Equal((0L, 2L), (cursor.FirstPage, cursor.NextPage));
        var before = cursor;
        Assert.False(await journal.Append(() => cursor, c => cursor = c, "e"));
        Assert.True(await journal.Append(() => cursor, c => cursor = c, "f"));
        Assert.Equal((1L, 3L, 2L), (cursor.FirstPage, cursor.NextPage, cursor.Dropped));
        Assert.True(journal.HasRetired);

        // The owner's write has not happened (or failed): the stored cursor is still `before`, and its pages all read back.
        Assert.Equal(["a", "b", "c", "d", "e", "f"], await new PagedJournal<string>(storage, Owner, "audit", 2, 4).ReadAll(before));

        await journal.ClearRetired();

        Assert.False(journal.HasRetired);
        Assert.Empty(await journal.ReadEntries(0));
        Assert.Equal(["c", "d", "e", "f"], await new PagedJournal<string>(storage, Owner, "audit", 2, 4).ReadAll(cursor));
    }

    [Fact]
    public async Task Owner_state_mode_seals_pages_and_retires_only_what_the_owner_allows_and_only_after_its_commit()
    {
        var storage = ProcessMemoryGrainStorageTests.NewStorage();
        var journal = new PagedJournal<string>(storage, Owner, "history", pageSize: 2, maxEntries: 2, JournalMode.PendingInOwnerState);
        var (cursor, retired) = await journal.Seal(default, ["a", "b"]);
        Assert.Equal((0L, 1L, 0), (cursor.FirstPage, cursor.NextPage, retired));

        // Past the limit, but the owner still needs page 0 (e.g. it holds ids inside the idempotency horizon).
        (cursor, retired) = await journal.Seal(cursor, ["c", "d"], mayRetire: _ => false);
        Assert.Equal((0L, 2L, 0), (cursor.FirstPage, cursor.NextPage, retired));

        (cursor, retired) = await journal.Seal(cursor, ["e", "f"], mayRetire: i => i == 0);
        Assert.Equal((1L, 3L, 1, 2L), (cursor.FirstPage, cursor.NextPage, retired, cursor.Dropped));
        Assert.Equal(["a", "b"], await journal.ReadEntries(0)); // still there: the owner has not committed

        await journal.ClearRetired();

        Assert.Empty(await journal.ReadEntries(0));
        var newestFirst = new List<List<string>>();
        await foreach (var page in journal.PagesNewestFirst(cursor, stopBefore: () => false))
        {
            newestFirst.Add(page);
        }

        Assert.Equal([["e", "f"], ["c", "d"]], newestFirst);
    }

    [Fact]
    public async Task A_sealed_page_overwrites_an_invisible_page_a_crash_left_above_the_cursor()
    {
        var storage = ProcessMemoryGrainStorageTests.NewStorage();
        var first = new PagedJournal<string>(storage, Owner, "history", 2, 8, JournalMode.PendingInOwnerState);
        await first.Seal(default, ["lost-1", "lost-2"]); // the owner's commit of this cursor never happened

        var (cursor, _) = await new PagedJournal<string>(storage, Owner, "history", 2, 8, JournalMode.PendingInOwnerState).Seal(default, ["a", "b"]);

        Assert.Equal(1L, cursor.NextPage);
        Assert.Equal(["a", "b"], await first.ReadEntries(0));
    }

    [Fact]
    public async Task Each_mode_refuses_the_other_modes_operations_naming_the_journal()
    {
        var storage = ProcessMemoryGrainStorageTests.NewStorage();
        var cursor = default(JournalCursor);
        var open = new PagedJournal<string>(storage, Owner, "audit", 2, 2);
        var owned = new PagedJournal<string>(storage, Owner, "history", 2, 2, JournalMode.PendingInOwnerState);

        var seal = await Assert.ThrowsAsync<InvalidOperationException>(() => open.Seal(cursor, ["a"]));
        var append = await Assert.ThrowsAsync<InvalidOperationException>(() => owned.Append(() => cursor, c => cursor = c, "a"));

        Assert.Contains("'audit'", seal.Message, StringComparison.Ordinal);
        Assert.Contains("'history'", append.Message, StringComparison.Ordinal);
        Assert.Empty(await open.ReadEntries(0));
    }
}
