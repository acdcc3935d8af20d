using System.Buffers.Binary;
using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

/// <summary>
/// The idempotency window keeps keys only; answers come from the history. Covers the ring itself, states written when
/// the window held whole records, key collisions, and repeats whose answer has left the pending entries for a page.
/// </summary>
public sealed class PostingWindowTests
{
    [Fact]
    public void Keys_read_back_as_written_and_a_key_is_never_the_empty_mark()
    {
        var window = PostingWindow.Create(3);

        PostingWindow.Write(window, 1, 0xDEADBEEF);

        Assert.Equal(3 * PostingWindow.SlotSize, window.Length);
        Assert.Equal([0u, 0xDEADBEEF, 0u], PostingWindow.Keys(window));
        Assert.True(PostingWindow.Contains(window, 0xDEADBEEF));
        Assert.False(PostingWindow.Contains(window, 0xDEADBEEE));
        Assert.Equal(1u, PostingWindow.KeyOf(0xFFFF_FFFF_0000_0000));
        Assert.Equal(7u, PostingWindow.KeyOf(0x1234_0000_0000_0007));
    }

    [Fact]
    public void A_state_with_the_unpacked_window_of_earlier_versions_still_replays_its_postings()
    {
        var original = TestAccounts.Open();
        var first = original.Deposit("dep-1", 500);
        original.Deposit("dep-2", 300);
        var legacy = original.State;
        legacy.Recent = [Record("dep-1"), Record("dep-2"), default];
        legacy.RecentKeys = [];

        var reloaded = new AccountLedger("BANK:001", legacy, new AccountOptions());

        Assert.Empty(legacy.Recent);
        Assert.Equal(first with { Replayed = true }, reloaded.Deposit("dep-1", 500));
        Assert.Equal(800, legacy.BalanceMinor);
        Assert.False(reloaded.Deposit("dep-3", 100).Replayed);
        Assert.Equal(900, legacy.BalanceMinor);
    }

    [Fact]
    public void A_state_with_the_24_byte_window_of_earlier_versions_still_replays_and_refuses_reuse()
    {
        var original = TestAccounts.Open();
        var first = original.Deposit("dep-1", 500);
        original.Deposit("dep-2", 300);
        var legacy = original.State;
        legacy.RecentPacked = LegacyPack([Record("dep-1"), Record("dep-2")]);
        legacy.RecentKeys = [];

        var reloaded = new AccountLedger("BANK:001", legacy, new AccountOptions());

        Assert.Empty(legacy.RecentPacked);
        Assert.Equal(first with { Replayed = true }, reloaded.Deposit("dep-1", 500));
        Assert.Equal(DomainError.TransactionIdReused, Assert.Throws<DomainException>(() => reloaded.Deposit("dep-2", 301)).Error);
        Assert.Equal(800, legacy.BalanceMinor);
    }

    [Fact]
    public void A_new_id_whose_key_the_window_holds_is_posted_as_new()
    {
        var ledger = TestAccounts.Open();
        ledger.Deposit("dep-1", 500);
        // Pretend another id had the same key as "dep-2": the key is remembered, no history entry carries "dep-2".
        PostingWindow.Write(ledger.State.RecentKeys, 5, PostingWindow.KeyOf(TransactionIdHash.Of("dep-2")));

        Assert.False(ledger.NeedsOlderHistory("dep-2")); // the pending entries cover every posting the window remembers
        var result = ledger.Deposit("dep-2", 300);

        Assert.False(result.Replayed);
        Assert.Equal(800, ledger.State.BalanceMinor);
    }

    [Fact]
    public void A_repeat_whose_answer_left_for_a_page_needs_the_page_and_is_answered_from_it()
    {
        var ledger = TestAccounts.Open();
        var first = ledger.Deposit("dep-1", 500);
        ledger.Deposit("dep-2", 300);
        ledger.Deposit("dep-3", 100);
        // As the grain does when a page's worth has gathered: the oldest pending entries move to a page.
        var (moved, remaining) = HistoryBuffer.Split(ledger.State.PendingPacked, 2);
        ledger.State.PendingPacked = remaining;

        Assert.True(ledger.NeedsOlderHistory("dep-1"));
        Assert.False(ledger.NeedsOlderHistory("dep-3")); // still pending
        Assert.False(ledger.NeedsOlderHistory("dep-9")); // not remembered at all
        Assert.Throws<InvalidOperationException>(() => ledger.Deposit("dep-1", 500));
        Assert.Equal(900, ledger.State.BalanceMinor);

        var replay = ledger.Post(PostingKind.Deposit, "dep-1", Amounts.Usd(500), null, TestAccounts.Now, new OlderHistory("dep-1", moved[0]));
        Assert.Equal(first with { Replayed = true }, replay);
        DomainAssert.Throws(DomainError.TransactionIdReused,
            () => ledger.Post(PostingKind.Deposit, "dep-2", Amounts.Usd(301), null, TestAccounts.Now, new OlderHistory("dep-2", moved[1])), "'dep-2'");
        Assert.Equal(900, ledger.State.BalanceMinor);

        // Looked up and not found: the key belonged to another id, so this is a new posting.
        PostingWindow.Write(ledger.State.RecentKeys, 20, PostingWindow.KeyOf(TransactionIdHash.Of("dep-7")));
        Assert.True(ledger.NeedsOlderHistory("dep-7"));
        Assert.False(ledger.Post(PostingKind.Deposit, "dep-7", Amounts.Usd(7), null, TestAccounts.Now, new OlderHistory("dep-7", null)).Replayed);
        Assert.Equal(907, ledger.State.BalanceMinor);
    }

    private static PostingRecord Record(string transactionId) =>
        new() { IdHash = TransactionIdHash.Of(transactionId), AmountCheck = 1, BalanceAfterMinor = 1, Kind = PostingKind.Deposit, Outcome = PostingOutcome.Applied };

    // The 24-byte layout as an earlier version wrote it (id hash 8, amount check 4, balance after 8, kind, outcome, reason, reserved).
    private static byte[] LegacyPack(PostingRecord[] records)
    {
        var packed = new byte[records.Length * PostingWindow.LegacyRecordSize];
        for (var i = 0; i < records.Length; i++)
        {
            var span = packed.AsSpan(i * PostingWindow.LegacyRecordSize);
            BinaryPrimitives.WriteUInt64LittleEndian(span, records[i].IdHash);
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], records[i].AmountCheck);
            BinaryPrimitives.WriteInt64LittleEndian(span[12..], records[i].BalanceAfterMinor);
            span[20] = (byte)records[i].Kind;
            span[21] = (byte)records[i].Outcome;
            span[22] = (byte)records[i].Reason;
        }

        return packed;
    }
}
