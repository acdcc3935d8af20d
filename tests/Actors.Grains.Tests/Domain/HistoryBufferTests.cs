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
    public void Split_and_skip_keep_the_rest_in_order_and_leave_the_original_alone(int count)
    {
        var packed = HistoryBuffer.Pack(Entries);
        var copy = packed.ToArray();

        var (oldest, remaining) = HistoryBuffer.Split(packed, count);

        Assert.Equal(Entries.Take(count), oldest);
        Assert.Equal(Entries.Skip(count), HistoryBuffer.Read(remaining));
        Assert.Equal(remaining, HistoryBuffer.Skip(packed, count));
        Assert.Equal(copy, packed);
    }

    [Fact]
    public void A_buffer_of_an_unknown_format_is_refused_naming_it()
    {
        var packed = HistoryBuffer.Pack(Entries);
        packed[0] = 7;

        var e = Assert.Throws<InvalidDataException>(() => HistoryBuffer.Read(packed));

        Assert.Contains("format 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_with_the_unpacked_pending_history_of_earlier_versions_keeps_its_entries()
    {
        var original = TestAccounts.Open();
        original.Deposit("dep-1", 500);
        original.Deposit("dep-2", 300);
        var legacy = original.State;
        var expected = original.History(10);
        legacy.PendingHistory = HistoryBuffer.Read(legacy.PendingPacked);
        legacy.PendingPacked = [];

        var reloaded = new AccountLedger("BANK:001", legacy, new AccountOptions());
        reloaded.Deposit("dep-3", 100);

        Assert.Null(legacy.PendingHistory);
        Assert.Equal(["dep-3", .. expected.Select(e => e.TransactionId)], reloaded.History(10).Select(e => e.TransactionId));
    }
}
