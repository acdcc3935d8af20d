using Actors.Errors;
using Actors.Insights.Tests.Support;

namespace Actors.Insights.Tests.Rules;

public sealed class CollectorOutboxTests
{
    private static readonly Guid Source = Guid.Parse("6f1c1f2e-0000-4000-8000-000000000001");

    [Fact]
    public async Task Deliver_sends_one_batch_per_region_with_increasing_sequences()
    {
        var outbox = new CollectorOutbox(Source, maxPendingPerRegion: 10);
        var sent = new List<InsightBatch>();
        outbox.Enqueue(Partials(("DE", 1), ("FR", 2)));
        outbox.Enqueue(Partials(("DE", 3)));

        var report = await outbox.Deliver(b => { sent.Add(b); return Task.CompletedTask; }, rejected: 4);

        Assert.Equal(3, report.Batches);
        Assert.Equal(6, report.Transactions);
        Assert.Equal(0, report.Pending);
        Assert.Equal(4, report.Rejected);
        Assert.All(sent, b => Assert.Equal(Source, b.Source));
        Assert.Equal(sent.Count, sent.Select(b => b.Sequence).Distinct().Count());
        var de = sent.Where(b => b.Region == "DE").ToArray();
        Assert.True(de[0].Sequence < de[1].Sequence, "a region's batches go out in order");
    }

    [Fact]
    public async Task Deliver_keeps_a_failed_batch_and_what_follows_it_and_resends_them_unchanged()
    {
        var outbox = new CollectorOutbox(Source, maxPendingPerRegion: 10);
        outbox.Enqueue(Partials(("DE", 1)));
        outbox.Enqueue(Partials(("DE", 2)));
        var attempts = new List<InsightBatch>();

        var failed = await outbox.Deliver(b => { attempts.Add(b); throw new TimeoutException("region grain unreachable"); }, 0);

        Assert.Equal(0, failed.Batches);
        Assert.Equal(2, failed.Pending);
        Assert.Single(attempts); // the second batch waits behind the first

        var delivered = new List<InsightBatch>();
        var retried = await outbox.Deliver(b => { delivered.Add(b); return Task.CompletedTask; }, 0);

        Assert.Equal(2, retried.Batches);
        Assert.Equal(0, retried.Pending);
        Assert.Same(attempts[0], delivered[0]);
        Assert.True(delivered[0].Sequence < delivered[1].Sequence);
    }

    [Fact]
    public async Task Deliver_drops_a_batch_the_region_grain_calls_malformed()
    {
        var outbox = new CollectorOutbox(Source, maxPendingPerRegion: 10);
        outbox.Enqueue(Partials(("DE", 1)));
        var failures = new List<Exception>();

        var report = await outbox.Deliver(_ => throw new DomainException(DomainError.InvalidArgument, "malformed"), 0, (_, e) => failures.Add(e));

        Assert.Equal(1, report.Dropped);
        Assert.Equal(0, report.Pending);
        Assert.IsType<DomainException>(Assert.Single(failures));
    }

    [Fact]
    public async Task Enqueue_gives_up_the_oldest_batch_beyond_the_pending_limit()
    {
        var outbox = new CollectorOutbox(Source, maxPendingPerRegion: 2);
        outbox.Enqueue(Partials(("DE", 1)));
        outbox.Enqueue(Partials(("DE", 2)));
        outbox.Enqueue(Partials(("DE", 3)));
        var sent = new List<InsightBatch>();

        var report = await outbox.Deliver(b => { sent.Add(b); return Task.CompletedTask; }, 0);

        Assert.Equal(1, report.Dropped);
        Assert.Equal([2L, 3L], sent.Select(b => b.Transactions));
    }

    [Fact]
    public void Constructor_refuses_a_pending_limit_below_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollectorOutbox(Source, 0));

    /// <summary>One grocery bucket per region with the given number of transactions, from one user each.</summary>
    private static RegionPartials[] Partials(params (string Region, int Transactions)[] regions)
    {
        return regions.Select(r =>
        {
            var aggregator = new PartialAggregator();
            for (var i = 0; i < r.Transactions; i++)
            {
                aggregator.Add(Events.Grocery(r.Region, user: 7, minor: 100));
            }

            return Assert.Single(aggregator.Take());
        }).ToArray();
    }
}
