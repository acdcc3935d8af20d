using Actors.Accounts;
using Actors.Domain;
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

    [Fact]
    public void A_record_reads_back_exactly_as_written_and_leaves_its_neighbours_alone()
    {
        var packed = PostingWindow.Create(3);

        PostingWindow.Write(packed, 1, Sample);

        Assert.Equal(3 * PostingWindow.RecordSize, packed.Length);
        Assert.Equal(Sample, PostingWindow.Read(packed, 1));
        Assert.Equal((Sample.IdHash, true), PostingWindow.Key(packed, 1));
        Assert.Equal([default, Sample, default], PostingWindow.Records(packed));
        Assert.False(PostingWindow.Key(packed, 0).Used);
    }

    [Fact]
    public void A_state_with_the_unpacked_window_of_earlier_versions_still_replays_its_postings()
    {
        // Build a window the new way, then present it as an earlier version stored it: records in Recent, nothing packed.
        var original = TestAccounts.Open();
        var first = original.Deposit("dep-1", 500);
        original.Deposit("dep-2", 300);
        var legacy = original.State;
        legacy.Recent = PostingWindow.Records(legacy.RecentPacked);
        legacy.RecentPacked = [];

        var reloaded = new AccountLedger("BANK:001", legacy, new AccountOptions());
        var replay = reloaded.Deposit("dep-1", 500);

        Assert.Empty(legacy.Recent);
        Assert.Equal(first with { Replayed = true }, replay);
        Assert.Equal(800, legacy.BalanceMinor);
        Assert.False(reloaded.Deposit("dep-3", 100).Replayed);
        Assert.Equal(900, legacy.BalanceMinor);
    }
}
