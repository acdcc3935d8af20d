using Actors.Errors;
using Actors.Insights.Tests.Support;
using Orleans.Runtime;

namespace Actors.Insights.Tests.Cluster;

[Collection(InsightsClusterCollection.Name)]
public sealed class MerchantInsightsGrainTests(InsightsClusterFixture fixture)
{
    private const int MaxStatusPolls = 10_000;

    [Fact]
    public async Task Collector_batches_events_and_Flush_delivers_them_to_the_region_grain()
    {
        var events = Batches.DistinctUsers("AT", 12, minor: 1_500)
            .Concat(Batches.OneUser("AT", payments: 3, minor: 100))
            .Append(Events.At(5812, "BE", Events.UserKey(1), 4_000))
            .ToArray();
        await RecordAll(events);

        var report = await fixture.Collector.Flush();

        Assert.Equal(events.Length, report.Transactions);
        Assert.Equal(2, report.Batches); // one batch per region, however many events
        Assert.Equal(0, report.Pending);
        var at = await fixture.Region("AT").Publish();
        var bucket = Assert.Single(at.Buckets);
        Assert.Equal((15L, 13), (bucket.Transactions, bucket.DistinctUsers));
        Assert.Equal(Money.Money.FromMinor(12 * 1_500 + 3 * 100, "EUR"), Assert.Single(bucket.Amounts).Total);
        var be = await fixture.Region("BE").Publish();
        Assert.Empty(be.Buckets);
        Assert.Equal(1, be.SuppressedBuckets);
    }

    [Fact]
    public async Task Flush_with_nothing_held_delivers_nothing()
    {
        await fixture.Collector.Flush();

        var report = await fixture.Collector.Flush();

        Assert.Equal((0L, 0, 0), (report.Transactions, report.Batches, report.Pending));
    }

    [Fact]
    public async Task A_bucket_of_nine_users_is_suppressed_until_the_tenth_user_arrives()
    {
        await RecordAll(Batches.DistinctUsers("CZ", 9));
        await fixture.Collector.Flush();

        var nine = await fixture.Region("CZ").Publish();

        Assert.Empty(nine.Buckets);
        Assert.Equal((10, 1), (nine.K, nine.SuppressedBuckets));

        await RecordAll(Batches.DistinctUsers("CZ", 1, firstUser: 9));
        await fixture.Collector.Flush();

        var ten = await fixture.Region("CZ").Publish();
        Assert.Equal(10, Assert.Single(ten.Buckets).DistinctUsers);
        Assert.Equal(0, ten.SuppressedBuckets);
    }

    [Fact]
    public async Task Many_payments_from_one_user_stay_suppressed()
    {
        await RecordAll(Batches.OneUser("DK", payments: 200));
        await fixture.Collector.Flush();

        var published = await fixture.Region("DK").Publish();

        Assert.Empty(published.Buckets);
        Assert.Equal(1, published.SuppressedBuckets);
    }

    [Fact]
    public async Task Users_seen_in_different_flushes_are_counted_once()
    {
        await RecordAll(Batches.DistinctUsers("EE", 10));
        await fixture.Collector.Flush();
        await RecordAll(Batches.DistinctUsers("EE", 10));
        await fixture.Collector.Flush();

        var bucket = Assert.Single((await fixture.Region("EE").Publish()).Buckets);

        Assert.Equal((20L, 10), (bucket.Transactions, bucket.DistinctUsers));
    }

    [Fact]
    public async Task Invalid_events_are_dropped_and_reported_by_the_next_flush()
    {
        await fixture.Collector.Flush();
        await RecordAll([Events.Grocery("fi", 1, 100), Events.At(-3, "FI", 1, 100), Events.Grocery("FI", 1, 0), Events.Grocery("FI", 1, 100)]);

        var report = await fixture.Collector.Flush();

        Assert.Equal((3L, 1L), (report.Rejected, report.Transactions));
    }

    [Fact]
    public async Task A_resent_batch_is_counted_once()
    {
        var batch = Batches.Of(Guid.NewGuid(), 1, Batches.DistinctUsers("GR", 10));

        await fixture.Region("GR").Merge(batch);
        await fixture.Region("GR").Merge(batch);

        Assert.Equal(10, Assert.Single((await fixture.Region("GR").Publish()).Buckets).Transactions);
    }

    [Fact]
    public async Task Merge_refuses_a_batch_for_another_region()
    {
        var batch = Batches.Of(Guid.NewGuid(), 1, Batches.DistinctUsers("HU", 10));

        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Region("IE").Merge(batch));

        Assert.Contains("'HU'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await fixture.Region("IE").Publish()).SuppressedBuckets);
    }

    [Fact]
    public async Task A_region_key_that_is_not_a_country_code_is_refused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Region("Germany").Publish());

        Assert.Contains("'Germany'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_aggregate_survives_deactivation_and_the_collector_pushes_when_deactivated()
    {
        await RecordAll(Batches.DistinctUsers("IT", 10, minor: 700));
        await fixture.Collector.Flush();
        await RecordAll(Batches.DistinctUsers("IT", 2, minor: 700, firstUser: 10)); // held, not flushed

        // Deactivates every idle activation: the region grain (state reloads from storage) and the
        // collector, whose deactivation pushes what it still holds.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var bucket = Assert.Single((await fixture.Region("IT").Publish()).Buckets);
        Assert.Equal((12L, 12), (bucket.Transactions, bucket.DistinctUsers));
        Assert.Equal(Money.Money.FromMinor(12 * 700, "EUR"), Assert.Single(bucket.Amounts).Total);
    }

    /// <summary>
    /// Records the events one-way, as an account does, then waits until the collector reports them
    /// all: Orleans does not order one-way calls against later calls (the first events after an
    /// activation can be overtaken), so the status round trip is the barrier, not a sleep.
    /// </summary>
    private async Task RecordAll(IReadOnlyCollection<InsightEvent> events)
    {
        var before = await fixture.Collector.Status();
        foreach (var e in events)
        {
            await fixture.Collector.Record(e);
        }

        var expected = before.Held + before.Rejected + events.Count;
        for (var attempt = 0; attempt < MaxStatusPolls; attempt++)
        {
            var status = await fixture.Collector.Status();
            if (status.Held + status.Rejected >= expected)
            {
                Assert.Equal(expected, status.Held + status.Rejected);
                return;
            }
        }

        Assert.Fail($"The collector did not report {expected} events after {MaxStatusPolls} status calls.");
    }
}
