using System.Buffers.Binary;
using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

/// <summary>
/// Repeats are found among the pending entries, then through the page filters; answers come from the history. Covers
/// the earlier versions' window (its ring, and states written with it), filter false positives, and repeats whose answer
/// has left the pending entries for a page.
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
        Assert.Empty(legacy.RecentKeys);
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
    public void A_state_with_the_key_window_of_earlier_versions_drops_it_and_still_replays()
    {
        var original = TestAccounts.Open();
        var first = original.Deposit("dep-1", 500);
        var legacy = original.State;
        legacy.RecentKeys = PostingWindow.Pack([PostingWindow.KeyOf(TransactionIdHash.Of("dep-1"))], 32);

        var reloaded = new AccountLedger("BANK:001", legacy, new AccountOptions());

        Assert.Empty(legacy.RecentKeys);
        Assert.Equal(first with { Replayed = true }, reloaded.Deposit("dep-1", 500));
    }

    [Fact]
    public void A_page_filter_holds_every_id_of_its_page_and_few_others()
    {
        var record = new byte[PageFilters.RecordSize];
        var ids = Enumerable.Range(0, 8).Select(i => $"card-{i}").ToArray();
        var at = new DateTimeOffset(2030, 1, 1, 9, 0, 30, TimeSpan.Zero);
        PageFilters.Write(record, ids.Select(TransactionIdHash.Of).ToArray(), at);

        Assert.All(ids, id => Assert.True(PageFilters.MayContain(record, 0, TransactionIdHash.Of(id)), id));
        var others = Enumerable.Range(0, 100_000).Count(i => PageFilters.MayContain(record, 0, TransactionIdHash.Of($"other-{i}")));
        Assert.True(others < 200, $"{others} of 100,000 other ids matched a page of 8 (expected about 46)");
        Assert.Equal(at.AddSeconds(30), PageFilters.Newest(record, 0)); // rounded up to the minute, never earlier
    }

    [Fact]
    public void A_repeat_whose_answer_left_for_a_page_needs_the_page_and_is_answered_from_it()
    {
        var ledger = TestAccounts.Open();
        var first = ledger.Deposit("dep-1", 500);
        ledger.Deposit("dep-2", 300);
        ledger.Deposit("dep-3", 100);
        // As the grain does when a page's worth has gathered: the oldest pending entries move to page 0, with its filter.
        var moved = HistoryBuffer.Oldest(ledger.State.Pending, 2);
        ledger.State.RemoveOldestPending(moved.Count);
        ledger.State.HistoryFilters = FilterOf(moved);
        ledger.State.History = ledger.State.History with { NextPage = 1 };

        Assert.Equal([0L], ledger.PagesThatMayHold("dep-1"));
        Assert.Empty(ledger.PagesThatMayHold("dep-3")); // still pending
        Assert.Empty(ledger.PagesThatMayHold("dep-9")); // no filter has it
        Assert.Throws<InvalidOperationException>(() => ledger.Deposit("dep-1", 500));
        Assert.Equal(900, ledger.State.BalanceMinor);

        var replay = ledger.Post(PostingKind.Deposit, "dep-1", Amounts.Usd(500), null, TestAccounts.Now, new OlderHistory("dep-1", moved[0]));
        Assert.Equal(first with { Replayed = true }, replay);
        DomainAssert.Throws(DomainError.TransactionIdReused,
            () => ledger.Post(PostingKind.Deposit, "dep-2", Amounts.Usd(301), null, TestAccounts.Now, new OlderHistory("dep-2", moved[1])), "'dep-2'");
        Assert.Equal(900, ledger.State.BalanceMinor);
    }

    [Fact]
    public void An_id_a_filter_wrongly_points_at_is_looked_up_not_found_and_posted_as_new()
    {
        var ledger = TestAccounts.Open();
        ledger.Deposit("dep-1", 500);
        // A filter with every bit set stands for a false positive: it "may hold" any id.
        ledger.State.HistoryFilters = [.. Enumerable.Repeat((byte)0xFF, 16), 0, 0, 0, 0, 1];
        ledger.State.History = ledger.State.History with { NextPage = 1 };

        Assert.Equal([0L], ledger.PagesThatMayHold("dep-7"));
        var result = ledger.Post(PostingKind.Deposit, "dep-7", Amounts.Usd(7), null, TestAccounts.Now, new OlderHistory("dep-7", null));

        Assert.False(result.Replayed);
        Assert.Equal(507, ledger.State.BalanceMinor);
    }

    private static byte[] FilterOf(List<HistoryEntry> page)
    {
        var record = new byte[PageFilters.RecordSize];
        PageFilters.Write(record, page.Select(e => TransactionIdHash.Of(e.TransactionId)).ToArray(), page.Max(e => e.At));
        return record;
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
