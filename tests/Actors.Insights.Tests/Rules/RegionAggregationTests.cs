using Actors.Errors;
using Actors.Insights.Tests.Support;
using Actors.Money;

namespace Actors.Insights.Tests.Rules;

public sealed class RegionAggregationTests
{
    private static readonly DateTimeOffset Now = Events.Monday.AddDays(1);

    [Fact]
    public void Merge_adds_counts_sums_and_users_of_successive_batches_exactly()
    {
        var state = new MerchantInsightsState();

        Assert.True(RegionAggregation.Merge(state, "DE", Batches.Of(1, Batches.DistinctUsers("DE", 6, minor: 1_001)), Now));
        Assert.True(RegionAggregation.Merge(state, "DE", Batches.Of(2, Batches.DistinctUsers("DE", 6, minor: 10, firstUser: 3)), Now));

        var bucket = state.Buckets[MerchantCategoryGroup.Grocery];
        Assert.Equal(12, bucket.Transactions);
        Assert.Equal(9, bucket.UserKeys.Length); // users 0-8, users 3-5 counted once
        Assert.Equal(new CurrencyTotal(Currency.EUR, 12, 6 * 1_001 + 6 * 10), Assert.Single(bucket.Currencies));
    }

    [Fact]
    public void Merge_ignores_a_resent_batch_of_the_same_source()
    {
        var state = new MerchantInsightsState();
        var batch = Batches.Of(5, Batches.DistinctUsers("DE", 3));
        RegionAggregation.Merge(state, "DE", batch, Now);

        Assert.False(RegionAggregation.Merge(state, "DE", batch, Now));
        Assert.False(RegionAggregation.Merge(state, "DE", Batches.Of(4, Batches.DistinctUsers("DE", 3)), Now));

        Assert.Equal(3, state.Buckets[MerchantCategoryGroup.Grocery].Transactions);
    }

    [Fact]
    public void Merge_counts_the_same_sequence_from_another_source()
    {
        var state = new MerchantInsightsState();
        RegionAggregation.Merge(state, "DE", Batches.Of(1, Batches.DistinctUsers("DE", 3)), Now);

        Assert.True(RegionAggregation.Merge(state, "DE", Batches.Of(Guid.NewGuid(), 1, Batches.DistinctUsers("DE", 3)), Now));

        Assert.Equal(6, state.Buckets[MerchantCategoryGroup.Grocery].Transactions);
    }

    [Fact]
    public void Merge_forgets_sources_silent_for_longer_than_the_retention()
    {
        var state = new MerchantInsightsState();
        var old = Guid.NewGuid();
        RegionAggregation.Merge(state, "DE", Batches.Of(old, 1, Batches.DistinctUsers("DE", 1)), Now);

        RegionAggregation.Merge(state, "DE", Batches.Of(2, Batches.DistinctUsers("DE", 1)), Now + RegionAggregation.SourceRetention + TimeSpan.FromSeconds(1));

        Assert.Equal([Batches.Source], state.Sources.Keys);
    }

    [Fact]
    public void Merge_refuses_a_batch_for_another_region_and_changes_nothing()
    {
        var state = new MerchantInsightsState();
        RegionAggregation.Merge(state, "DE", Batches.Of(1, Batches.DistinctUsers("DE", 2)), Now);

        var error = Assert.Throws<DomainException>(() => RegionAggregation.Merge(state, "DE", Batches.Of(2, Batches.DistinctUsers("FR", 2)), Now));

        Assert.Contains("'FR'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, state.Buckets[MerchantCategoryGroup.Grocery].Transactions);
        Assert.Equal(1, state.Sources[Batches.Source].Sequence);
    }

    [Fact]
    public void Merge_refuses_malformed_batches()
    {
        var good = Batches.Of(1, Batches.DistinctUsers("DE", 2));
        var bucket = good.Buckets[0];
        InsightBatch[] malformed =
        [
            good with { Sequence = 0 },
            good with { Buckets = [] },
            good with { Buckets = [bucket, bucket] },
            good with { Buckets = [bucket with { UserKeys = [] }] },
            good with { Buckets = [bucket with { UserKeys = [bucket.UserKeys[1], bucket.UserKeys[0]] }] },
            good with { Buckets = [bucket with { Transactions = 1 }] },
            good with { Buckets = [bucket with { Currencies = [] }] },
            good with { Buckets = [bucket with { Currencies = [new CurrencyTotal(Currency.EUR, 2, -5)] }] },
            good with { Buckets = [bucket with { Group = (MerchantCategoryGroup)200 }] },
        ];

        foreach (var batch in malformed)
        {
            var state = new MerchantInsightsState();
            Assert.Throws<DomainException>(() => RegionAggregation.Merge(state, "DE", batch, Now));
            Assert.Empty(state.Buckets);
            Assert.Empty(state.Sources);
        }
    }

    [Fact]
    public void Merge_refuses_a_total_that_would_overflow_and_changes_nothing()
    {
        var state = new MerchantInsightsState();
        RegionAggregation.Merge(state, "DE", Batches.Of(1, Events.Grocery("DE", 1, long.MaxValue - 1)), Now);

        var error = Assert.Throws<DomainException>(() => RegionAggregation.Merge(state, "DE", Batches.Of(2, Events.Grocery("DE", 2, 5)), Now));

        Assert.Equal(DomainError.AmountOverflow, error.Error);
        var bucket = state.Buckets[MerchantCategoryGroup.Grocery];
        Assert.Equal(1, bucket.Transactions);
        Assert.Equal([1UL], bucket.UserKeys);
        Assert.Equal(1, state.Sources[Batches.Source].Sequence);
    }
}
