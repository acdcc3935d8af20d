using Actors.Insights.Tests.Support;
using Actors.Money;

namespace Actors.Insights.Tests.Rules;

public sealed class PartialAggregatorTests
{
    [Fact]
    public void Take_sums_counts_and_distinct_users_exactly_per_region_and_group()
    {
        var partials = new PartialAggregator();
        partials.Add(Events.Grocery("DE", user: 1, minor: 1_000));
        partials.Add(Events.Grocery("DE", user: 1, minor: 250));
        partials.Add(Events.Grocery("DE", user: 2, minor: 999, currency: "USD"));
        partials.Add(Events.At(5422, "DE", user: 3, minor: 1)); // meat: same Grocery group
        partials.Add(Events.At(5812, "DE", user: 1, minor: 4_500)); // restaurant
        partials.Add(Events.Grocery("FR", user: 1, minor: 700));
        Assert.Equal(6, partials.Held);

        var regions = partials.Take();

        var de = Assert.Single(regions, r => r.Region == "DE");
        var grocery = Assert.Single(de.Buckets, b => b.Group == MerchantCategoryGroup.Grocery);
        Assert.Equal(4, grocery.Transactions);
        Assert.Equal([1UL, 2UL, 3UL], grocery.UserKeys);
        Assert.Equal(
            [new CurrencyTotal(Currency.EUR, 3, 1_251), new CurrencyTotal(Currency.USD, 1, 999)],
            grocery.Currencies.OrderBy(c => c.Currency.Code, StringComparer.Ordinal));
        var restaurants = Assert.Single(de.Buckets, b => b.Group == MerchantCategoryGroup.Restaurants);
        Assert.Equal(1, restaurants.Transactions);
        var fr = Assert.Single(regions, r => r.Region == "FR");
        Assert.Equal(700, Assert.Single(Assert.Single(fr.Buckets).Currencies).TotalMinor);
    }

    [Fact]
    public void Take_records_the_earliest_and_latest_event_time()
    {
        var partials = new PartialAggregator();
        partials.Add(Events.Grocery("DE", 1, 10, at: Events.Monday.AddHours(3)));
        partials.Add(Events.Grocery("DE", 2, 10, at: Events.Monday));
        partials.Add(Events.Grocery("DE", 3, 10, at: Events.Monday.AddHours(1)));

        var bucket = Assert.Single(Assert.Single(partials.Take()).Buckets);

        Assert.Equal(Events.Monday, bucket.FirstEvent);
        Assert.Equal(Events.Monday.AddHours(3), bucket.LastEvent);
    }

    [Fact]
    public void Take_empties_the_aggregator()
    {
        var partials = new PartialAggregator();
        partials.Add(Events.Grocery("DE", 1, 10));
        partials.Add(Events.Grocery("de", 1, 10));

        partials.Take();

        Assert.Empty(partials.Take());
        Assert.Equal(0, partials.Held);
        Assert.Equal(0, partials.Rejected);
    }

    [Fact]
    public void Add_refuses_an_invalid_event_and_counts_nothing_of_it()
    {
        var partials = new PartialAggregator();

        var problem = partials.Add(Events.At(12_345, "DE", 1, 10));

        Assert.Contains("MerchantCategory", problem, StringComparison.Ordinal);
        Assert.Equal(1, partials.Rejected);
        Assert.Equal(0, partials.Held);
        Assert.Empty(partials.Take());
    }

    [Fact]
    public void Add_refuses_an_amount_that_would_overflow_the_total_and_keeps_the_total()
    {
        var partials = new PartialAggregator();
        partials.Add(Events.Grocery("DE", 1, long.MaxValue - 5));

        var problem = partials.Add(Events.Grocery("DE", 2, 10));

        Assert.Contains("overflows", problem, StringComparison.Ordinal);
        var bucket = Assert.Single(Assert.Single(partials.Take()).Buckets);
        Assert.Equal(1, bucket.Transactions);
        Assert.Equal([1UL], bucket.UserKeys);
        Assert.Equal(long.MaxValue - 5, Assert.Single(bucket.Currencies).TotalMinor);
    }
}
