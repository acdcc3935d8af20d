using Actors.Insights.Tests.Support;

namespace Actors.Insights.Tests.Rules;

public sealed class InsightsPublisherTests
{
    private static readonly DateTimeOffset Now = Events.Monday.AddDays(1);

    [Fact]
    public void Publish_suppresses_a_bucket_of_nine_distinct_users_at_k_10()
    {
        var state = Aggregate(Batches.DistinctUsers("DE", 9));

        var published = InsightsPublisher.Publish("DE", state, k: 10, Now);

        Assert.Empty(published.Buckets);
        Assert.Equal(1, published.SuppressedBuckets);
    }

    [Fact]
    public void Publish_shows_a_bucket_of_ten_distinct_users_at_k_10()
    {
        var state = Aggregate(Batches.DistinctUsers("DE", 10, minor: 2_500));

        var published = InsightsPublisher.Publish("DE", state, k: 10, Now);

        var bucket = Assert.Single(published.Buckets);
        Assert.Equal(0, published.SuppressedBuckets);
        Assert.Equal(MerchantCategoryGroup.Grocery, bucket.Group);
        Assert.Equal("DE", bucket.Region);
        Assert.Equal(10, bucket.DistinctUsers);
        Assert.Equal(10, bucket.Transactions);
        var amount = Assert.Single(bucket.Amounts);
        Assert.Equal(Money.Money.FromMinor(25_000, "EUR"), amount.Total);
        Assert.Equal(Money.Money.FromMinor(2_500, "EUR"), amount.Average);
        Assert.Equal(10, amount.Transactions);
        Assert.Equal(DateOnly.FromDateTime(Events.Monday.UtcDateTime), bucket.FirstDay);
    }

    [Fact]
    public void Publish_suppresses_many_payments_from_one_user()
    {
        var state = Aggregate(Batches.OneUser("DE", payments: 500));

        var published = InsightsPublisher.Publish("DE", state, k: 10, Now);

        Assert.Empty(published.Buckets);
        Assert.Equal(1, published.SuppressedBuckets);
    }

    [Fact]
    public void Publish_counts_suppressed_buckets_next_to_published_ones()
    {
        var events = Batches.DistinctUsers("DE", 12)
            .Concat(Enumerable.Range(0, 3).Select(u => Events.At(5812, "DE", Events.UserKey(u), 3_000)))
            .Concat(Enumerable.Range(0, 9).Select(u => Events.At(5541, "DE", Events.UserKey(u), 6_000)))
            .ToArray();

        var published = InsightsPublisher.Publish("DE", Aggregate(events), k: 10, Now);

        Assert.Equal(MerchantCategoryGroup.Grocery, Assert.Single(published.Buckets).Group);
        Assert.Equal(2, published.SuppressedBuckets);
        Assert.Equal(10, published.K);
        Assert.Equal(Now, published.PublishedAt);
    }

    [Fact]
    public void Publish_uses_the_configured_k()
    {
        var state = Aggregate(Batches.DistinctUsers("DE", 3));

        Assert.Single(InsightsPublisher.Publish("DE", state, k: 3, Now).Buckets);
        Assert.Empty(InsightsPublisher.Publish("DE", state, k: 4, Now).Buckets);
        Assert.Throws<ArgumentOutOfRangeException>(() => InsightsPublisher.Publish("DE", state, k: 1, Now));
    }

    [Fact]
    public void Publish_reports_exact_totals_and_averages_per_currency()
    {
        var events = Batches.DistinctUsers("DE", 10, minor: 101)
            .Append(Events.Grocery("DE", Events.UserKey(0), 100))
            .Append(Events.Grocery("DE", Events.UserKey(1), 333, currency: "USD"))
            .Append(Events.Grocery("DE", Events.UserKey(2), 334, currency: "USD"))
            .ToArray();

        var bucket = Assert.Single(InsightsPublisher.Publish("DE", Aggregate(events), k: 10, Now).Buckets);

        Assert.Equal(13, bucket.Transactions);
        Assert.Equal(["EUR", "USD"], bucket.Amounts.Select(a => a.Total.Currency.Code));
        var eur = bucket.Amounts[0];
        Assert.Equal((11, 1_110L, 101L), (eur.Transactions, eur.Total.Minor, eur.Average.Minor)); // 1110 / 11 = 100.9 -> 101
        var usd = bucket.Amounts[1];
        Assert.Equal((2, 667L, 334L), (usd.Transactions, usd.Total.Minor, usd.Average.Minor)); // 333.5 -> 334, half away from zero
    }

    [Theory]
    [InlineData(10, 4, 3)] // 2.5 -> 3
    [InlineData(10, 3, 3)] // 3.33 -> 3
    [InlineData(11, 3, 4)] // 3.67 -> 4
    [InlineData(long.MaxValue, 1, long.MaxValue)]
    public void Average_rounds_half_away_from_zero_in_exact_arithmetic(long total, long transactions, long expected) =>
        Assert.Equal(expected, InsightsPublisher.Average(new CurrencyTotal(Money.Currency.EUR, transactions, total)));

    private static MerchantInsightsState Aggregate(InsightEvent[] events)
    {
        var state = new MerchantInsightsState();
        RegionAggregation.Merge(state, events[0].Region, Batches.Of(1, events), Now);
        return state;
    }
}
