using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

/// <summary>The packed idempotency window: exact round trips, and states written before packing still replay.</summary>
public sealed class PostingWindowTests
{
    private static readonly PostingRecord Sample = new()
    {
        IdHash = ulong.MaxValue - 7,
        AmountCheck = 0xDEADBEEF,
        BalanceAfterMinor = long.MinValue + 3,
        Kind = PostingKind.CardAuthorization,
        Outcome = PostingOutcome.Declined,
        Reason = DeclineReason.FraudSuspected,
    };

    // What a record keeps of Sample: the low 48 bits of the id hash and the low 8 of the amount check, the rest whole.
    private static readonly PostingRecord Kept = Sample with { IdHash = Sample.IdHash & 0xFFFF_FFFF_FFFF, AmountCheck = 0xEF };

    [Fact]
    public void A_record_reads_back_as_written_with_its_shortened_checks_and_leaves_its_neighbours_alone()
    {
        var packed = PostingWindow.Create(3);

        PostingWindow.Write(packed, 1, Sample);

        Assert.Equal(3 * 16, packed.Length);
        Assert.Equal(Kept, PostingWindow.Read(packed, 1));
        Assert.Equal((Kept.IdHash, true), PostingWindow.Key(packed, 1));
        Assert.Equal([default, Kept, default], PostingWindow.Records(packed));
        Assert.False(PostingWindow.Key(packed, 0).Used);
    }

    [Theory]
    [InlineData(PostingKind.Deposit, PostingOutcome.Applied, DeclineReason.None, long.MaxValue)]
    [InlineData(PostingKind.Reversal, PostingOutcome.Declined, DeclineReason.FraudSuspected, 0)]
    [InlineData(PostingKind.TransferCredit, PostingOutcome.Declined, DeclineReason.AccountClosed, -1)]
    public void Every_kind_outcome_reason_and_balance_survives_the_packed_byte(PostingKind kind, PostingOutcome outcome, DeclineReason reason, long balance)
    {
        var record = new PostingRecord { IdHash = 42, AmountCheck = 7, BalanceAfterMinor = balance, Kind = kind, Outcome = outcome, Reason = reason };
        var packed = PostingWindow.Create(1);

        PostingWindow.Write(packed, 0, record);

        Assert.Equal(record, PostingWindow.Read(packed, 0));
    }

    [Fact]
    public void A_state_with_the_24_byte_window_of_earlier_versions_still_replays_and_refuses_reuse()
    {
        var original = TestAccounts.Open();
        var first = original.Deposit("dep-1", 500);
        original.Deposit("dep-2", 300);
        var legacy = original.State;
        legacy.RecentPacked = LegacyPack(PostingWindow.Records(legacy.RecentCompact));
        legacy.RecentCompact = [];

        var reloaded = new AccountLedger("BANK:001", legacy, new AccountOptions());

        Assert.Empty(legacy.RecentPacked);
        Assert.Equal(first with { Replayed = true }, reloaded.Deposit("dep-1", 500));
        Assert.Equal(DomainError.TransactionIdReused, Assert.Throws<DomainException>(() => reloaded.Deposit("dep-2", 301)).Error);
        Assert.Equal(800, legacy.BalanceMinor);
    }

    // The 24-byte layout as an earlier version wrote it (full 64-bit hash, 32-bit amount check).
    private static byte[] LegacyPack(PostingRecord[] records)
    {
        var packed = new byte[records.Length * PostingWindow.LegacyRecordSize];
        for (var i = 0; i < records.Length; i++)
        {
            var span = packed.AsSpan(i * PostingWindow.LegacyRecordSize);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(span, records[i].IdHash);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(span[8..], records[i].AmountCheck);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(span[12..], records[i].BalanceAfterMinor);
            span[20] = (byte)records[i].Kind;
            span[21] = (byte)records[i].Outcome;
            span[22] = (byte)records[i].Reason;
        }

        return packed;
    }

    [Fact]
    public void A_state_with_the_unpacked_window_of_earlier_versions_still_replays_its_postings()
    {
        // Build a window the new way, then present it as an earlier version stored it: records in Recent, nothing packed.
        var original = TestAccounts.Open();
        var first = original.Deposit("dep-1", 500);
        original.Deposit("dep-2", 300);
        var legacy = original.State;
        legacy.Recent = PostingWindow.Records(legacy.RecentCompact);
        legacy.RecentCompact = [];

        var reloaded = new AccountLedger("BANK:001", legacy, new AccountOptions());
        var replay = reloaded.Deposit("dep-1", 500);

        Assert.Empty(legacy.Recent);
        Assert.Equal(first with { Replayed = true }, replay);
        Assert.Equal(800, legacy.BalanceMinor);
        Assert.False(reloaded.Deposit("dep-3", 100).Replayed);
        Assert.Equal(900, legacy.BalanceMinor);
    }
}
