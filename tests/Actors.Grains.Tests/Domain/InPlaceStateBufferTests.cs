using Actors.Accounts;
using Actors.Domain;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

/// <summary>
/// The account state's byte buffers (pending entries, page filters) change in place and keep spare room, yet a state
/// always serializes as exactly its records: what a posting changes allocates nothing the long-lived state keeps.
/// </summary>
public sealed class InPlaceStateBufferTests
{
    [Fact]
    public void The_pending_buffer_grows_by_doubling_is_changed_in_place_and_goes_once_its_page_moved_out()
    {
        var ledger = TestAccounts.Open();
        ledger.Deposit("dep-1", 500); // the opening deposit, in a buffer from the shared pool: less than twice its size
        Assert.InRange(BufferOf(ledger.State).Length, ledger.State.Pending.Length, 2 * ledger.State.Pending.Length);
        var serialized = ledger.State.PendingPacked;
        var copy = serialized.ToArray();

        var arrays = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        for (var i = 2; i <= 8; i++)
        {
            ledger.Deposit($"dep-{i}", 100);
            arrays.Add(BufferOf(ledger.State));
        }

        // Entries of one size (37 bytes): pool buffers of 128, 256, then 512 bytes; the postings in between change it in place.
        Assert.Equal(3, arrays.Count);
        Assert.Equal(copy, serialized); // what was handed out (e.g. to the serializer) is never changed afterwards
        var full = BufferOf(ledger.State);
        ledger.State.RemoveOldestPending(3);
        Assert.Equal(copy, serialized);
        Assert.Same(full, BufferOf(ledger.State));
        Assert.Equal(Enumerable.Range(4, 5).Select(i => $"dep-{i}"), HistoryBuffer.Read(ledger.State.PendingPacked).Select(e => e.TransactionId));

        // The last entries move out (a page written): an account between pages keeps no spare room (memory per user).
        ledger.State.RemoveOldestPending(5);
        Assert.Empty(BufferOf(ledger.State));
        Assert.Empty(ledger.State.PendingPacked);
        ledger.Deposit("dep-9", 100);
        Assert.Equal(["dep-9"], HistoryBuffer.Read(ledger.State.PendingPacked).Select(e => e.TransactionId));
    }

    [Fact]
    public void Filters_shift_in_place_grow_by_doubling_and_serialize_exactly()
    {
        var state = new AccountState();
        var records = Enumerable.Range(0, 6).Select(Record).ToArray();
        foreach (var record in records)
        {
            state.ShiftFilters(0, record);
        }

        Assert.Equal(records.SelectMany(r => r), state.HistoryFilters);
        Assert.Equal(6, PageFilters.Count(state.Filters));

        state.ShiftFilters(2, Record(6));

        Assert.Equal(records.Skip(2).Append(Record(6)).SelectMany(r => r), state.HistoryFilters);
        Assert.Equal(5, PageFilters.Count(state.Filters));
        var restored = new AccountState { HistoryFilters = state.HistoryFilters };
        Assert.Equal(state.Filters.ToArray(), restored.Filters.ToArray());
    }

    [Fact]
    public void Dropping_more_filters_than_there_are_leaves_only_the_added_record()
    {
        var state = new AccountState { HistoryFilters = Record(1) };

        state.ShiftFilters(5, Record(2));

        Assert.Equal(Record(2), state.HistoryFilters);
    }

    private static byte[] Record(int page)
    {
        var record = new byte[PageFilters.RecordSize];
        PageFilters.Write(record, [TransactionIdHash.Of($"tx-{page}")], new DateTimeOffset(2026, 12, 3, 10, page, 0, TimeSpan.Zero));
        return record;
    }

    // The buffer itself (reflection only to observe identity; behaviour is asserted through the public members above).
    private static byte[] BufferOf(AccountState state)
    {
        const System.Reflection.BindingFlags Instance = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance;
        var spare = typeof(AccountState).GetField("_pending", Instance)!.GetValue(state)!;
        return (byte[])spare.GetType().GetField("Buffer", Instance)!.GetValue(spare)!;
    }
}
