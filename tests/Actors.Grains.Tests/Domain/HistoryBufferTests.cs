using Actors.Accounts;
using Actors.Domain;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

/// <summary>The packed pending history: exact round trips, splits that keep order, and states from before packing.</summary>
public sealed class HistoryBufferTests
{
    private static readonly HistoryEntry[] Entries =
    [
        new("dep-1", PostingKind.Deposit, PostingOutcome.Applied, DeclineReason.None, 500, 500, new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero), null),
        new("pay-ü-" + new string('x', 300), PostingKind.CardAuthorization, PostingOutcome.Declined, DeclineReason.FraudSuspected, long.MaxValue, long.MinValue,
            new DateTimeOffset(2026, 11, 29, 9, 30, 0, TimeSpan.FromHours(5.5)), null),
        new("tr-9", PostingKind.TransferDebit, PostingOutcome.Applied, DeclineReason.None, 1, -1, DateTimeOffset.MinValue, "CITI:bob-1 💶"),
        new("rev-", PostingKind.Reversal, PostingOutcome.Applied, DeclineReason.None, 0, 0, DateTimeOffset.MaxValue, ""),
    ];

    [Fact]
    public void Entries_read_back_exactly_in_order_offsets_included()
    {
        var packed = HistoryBuffer.Pack(Entries);

        var read = HistoryBuffer.Read(packed);

        Assert.Equal(Entries, read);
        Assert.Equal(Entries.Select(e => e.At.Offset), read.Select(e => e.At.Offset));
        Assert.Equal(Entries.Length, HistoryBuffer.Count(packed));
        Assert.Equal(HistoryBuffer.Format, packed[0]);
    }

    [Fact]
    public void An_empty_buffer_holds_nothing_and_takes_no_bytes()
    {
        Assert.Empty(HistoryBuffer.Pack([]));
        Assert.Empty(HistoryBuffer.Read([]));
        Assert.Equal(0, HistoryBuffer.Count([]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    public void Removing_the_oldest_in_place_keeps_the_rest_in_order_and_the_same_array(int count)
    {
        var buffer = HistoryBuffer.Pack(Entries);
        var oldest = HistoryBuffer.Oldest(buffer, count);

        var array = buffer;
        var length = HistoryBuffer.RemoveOldest(buffer, buffer.Length, count);

        Assert.Equal(Entries.Take(count), oldest);
        Assert.Same(array, buffer);
        Assert.Equal(Entries.Skip(count), HistoryBuffer.Read(buffer.AsSpan(0, length)));
        Assert.Equal(count >= Entries.Length ? 0 : HistoryBuffer.Pack(Entries.Skip(count)).Length, length);
    }

    [Fact]
    public void Appending_in_place_grows_only_when_an_entry_does_not_fit_and_packs_as_a_fresh_buffer_would()
    {
        var buffer = Array.Empty<byte>();
        var length = 0;
        var arrays = new List<byte[]>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var entry in Entries)
            {
                length = HistoryBuffer.AppendInto(ref buffer, length, entry);
                if (!arrays.Contains(buffer))
                {
                    arrays.Add(buffer);
                }
            }

            // As the grain does when a page has been written: the oldest move out, the rest stays in place.
            length = HistoryBuffer.RemoveOldest(buffer, length, Entries.Length);
        }

        length = HistoryBuffer.AppendInto(ref buffer, length, Entries[2]);
        length = HistoryBuffer.AppendInto(ref buffer, length, Entries[0]);

        Assert.Equal(HistoryBuffer.Pack([Entries[2], Entries[0]]), buffer.AsSpan(0, length).ToArray());
        Assert.True(arrays.Count <= 4, $"a buffer that is emptied every round should settle at one size, made {arrays.Count} arrays");
        Assert.Equal(0, HistoryBuffer.RemoveOldest(buffer, length, 2));
    }

    [Fact]
    public void A_state_serializes_exactly_its_pending_bytes_whatever_room_its_buffer_has()
    {
        var ledger = TestAccounts.Open();
        ledger.Deposit("dep-1", 500);
        ledger.Deposit("dep-2", 300);
        ledger.Deposit("dep-3", 100);
        ledger.State.RemoveOldestPending(1);

        var expected = HistoryBuffer.Pack(HistoryBuffer.Read(ledger.State.Pending));

        Assert.Equal(expected, ledger.State.PendingPacked);
        Assert.Equal(["dep-2", "dep-3"], HistoryBuffer.Read(ledger.State.PendingPacked).Select(e => e.TransactionId));
        var restored = new AccountState { PendingPacked = ledger.State.PendingPacked };
        Assert.Equal(expected, restored.Pending.ToArray());
    }

    [Fact]
    public void A_buffer_of_an_unknown_format_is_refused_naming_it()
    {
        var packed = HistoryBuffer.Pack(Entries);
        packed[0] = 7;

        var e = Assert.Throws<InvalidDataException>(() => HistoryBuffer.Read(packed));

        Assert.Contains("format 7", e.Message, StringComparison.Ordinal);
    }
}
