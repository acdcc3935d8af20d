namespace Actors.Insights;

/// <summary>
/// Turns a region's aggregate into published figures under k-anonymity: a bucket appears only when
/// at least k distinct users contributed to it; a suppressed bucket is counted and nothing else about
/// it (not its group, not its size) leaves. Published types hold only counts, sums and coarse labels.
/// </summary>
public static class InsightsPublisher
{
    public static PublishedInsights Publish(string region, MerchantInsightsState state, int k, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, MerchantInsightsOptions.MinimumK);

        var published = new List<PublishedBucket>();
        var suppressed = 0;
        foreach (var (group, bucket) in state.Buckets.OrderBy(b => b.Key))
        {
            if (bucket.UserKeys.Length < k)
            {
                suppressed++;
                continue;
            }

            var amounts = bucket.Currencies
                .OrderBy(c => c.Currency.Code, StringComparer.Ordinal)
                .Select(c => new PublishedAmount(c.Transactions, new Money.Money(c.TotalMinor, c.Currency), new Money.Money(Average(c), c.Currency)))
                .ToArray();
            published.Add(new PublishedBucket(group, region, bucket.Transactions, bucket.UserKeys.Length, amounts,
                DateOnly.FromDateTime(bucket.FirstEvent.UtcDateTime), DateOnly.FromDateTime(bucket.LastEvent.UtcDateTime)));
        }

        return new PublishedInsights(region, k, now, published, suppressed);
    }

    /// <summary>Total / transactions in whole minor units, rounded half away from zero (exact integer arithmetic).</summary>
    public static long Average(CurrencyTotal total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total.Transactions, 1);
        return (long)Math.Round((decimal)total.TotalMinor / total.Transactions, MidpointRounding.AwayFromZero);
    }
}
