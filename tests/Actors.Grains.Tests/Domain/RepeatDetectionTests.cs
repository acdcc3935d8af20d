using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

/// <summary>
/// Repeats are found among the pending entries, then through the page filters; answers come from the history. Covers
/// filter false positives and repeats whose answer has left the pending entries for a page.
/// </summary>
public sealed class RepeatDetectionTests
{
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
}
