namespace Actors.Insights.Tests.Support;

/// <summary>Builds region batches the way a collector does: events through a <see cref="PartialAggregator"/>.</summary>
internal static class Batches
{
    public static readonly Guid Source = Guid.Parse("0b7c2a9e-1111-4000-8000-00000000000a");

    public static InsightBatch Of(long sequence, params InsightEvent[] events) => Of(Source, sequence, events);

    public static InsightBatch Of(Guid source, long sequence, params InsightEvent[] events)
    {
        var aggregator = new PartialAggregator();
        foreach (var e in events)
        {
            Assert.Null(aggregator.Add(e));
        }

        var region = Assert.Single(aggregator.Take());
        return new InsightBatch(source, sequence, region.Region, region.Buckets);
    }

    /// <summary>One grocery payment of <paramref name="minor"/> from each of <paramref name="users"/> distinct users.</summary>
    public static InsightEvent[] DistinctUsers(string region, int users, long minor = 1_000, int firstUser = 0) =>
        Enumerable.Range(firstUser, users).Select(u => Events.Grocery(region, Events.UserKey(u), minor)).ToArray();

    /// <summary><paramref name="payments"/> grocery payments, all from one user.</summary>
    public static InsightEvent[] OneUser(string region, int payments, long minor = 1_000) =>
        Enumerable.Range(0, payments).Select(_ => Events.Grocery(region, Events.UserKey(424_242), minor)).ToArray();
}
