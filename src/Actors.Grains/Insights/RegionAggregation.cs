using Actors.Errors;

namespace Actors.Insights;

/// <summary>
/// Merges collector batches into a region's <see cref="MerchantInsightsState"/>. A batch is checked
/// and its new sums computed completely before anything is assigned, so a refused batch (malformed,
/// wrong region, overflow) leaves the state exactly as it was.
/// </summary>
public static class RegionAggregation
{
    /// <summary>
    /// How long a collector activation is remembered after its last batch. Collectors resend within
    /// seconds; a day outlasts any outage worth retrying through, and bounds the table to roughly the
    /// collectors of the last day.
    /// </summary>
    public static readonly TimeSpan SourceRetention = TimeSpan.FromDays(1);

    /// <summary>Adds <paramref name="batch"/>; false when that source's sequence was already merged (a resend).</summary>
    /// <exception cref="DomainException">The batch is malformed or for another region; nothing changed.</exception>
    public static bool Merge(MerchantInsightsState state, string region, InsightBatch batch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(batch);
        Validate(region, batch);
        if (state.Sources.TryGetValue(batch.Source, out var mark) && batch.Sequence <= mark.Sequence)
        {
            return false;
        }

        var merged = batch.Buckets.Select(p => (p.Group, Bucket: Combine(state.Buckets.GetValueOrDefault(p.Group), p))).ToArray();
        foreach (var (group, bucket) in merged)
        {
            state.Buckets[group] = bucket;
        }

        state.Sources[batch.Source] = new SourceMark(batch.Sequence, now);
        foreach (var stale in state.Sources.Where(s => s.Value.SeenAt < now - SourceRetention).Select(s => s.Key).ToArray())
        {
            state.Sources.Remove(stale);
        }

        return true;
    }

    private static BucketAggregate Combine(BucketAggregate? current, BucketPartial partial)
    {
        if (current is null)
        {
            return new BucketAggregate
            {
                Transactions = partial.Transactions,
                Currencies = [.. partial.Currencies],
                UserKeys = partial.UserKeys,
                FirstEvent = partial.FirstEvent,
                LastEvent = partial.LastEvent,
            };
        }

        var currencies = new List<CurrencyTotal>(current.Currencies);
        foreach (var added in partial.Currencies)
        {
            var index = currencies.FindIndex(c => c.Currency == added.Currency);
            var before = index < 0 ? new CurrencyTotal(added.Currency, 0, 0) : currencies[index];
            var after = new CurrencyTotal(added.Currency, Add(before.Transactions, added.Transactions), Add(before.TotalMinor, added.TotalMinor));
            if (index < 0)
            {
                currencies.Add(after);
            }
            else
            {
                currencies[index] = after;
            }
        }

        return new BucketAggregate
        {
            Transactions = Add(current.Transactions, partial.Transactions),
            Currencies = currencies,
            UserKeys = SortedKeys.Union(current.UserKeys, partial.UserKeys),
            FirstEvent = partial.FirstEvent < current.FirstEvent ? partial.FirstEvent : current.FirstEvent,
            LastEvent = partial.LastEvent > current.LastEvent ? partial.LastEvent : current.LastEvent,
        };
    }

    private static long Add(long left, long right)
    {
        try
        {
            return checked(left + right);
        }
        catch (OverflowException)
        {
            throw new DomainException(DomainError.AmountOverflow, $"Insight totals {left} + {right} overflow 64 bits; the batch was not merged.");
        }
    }

    private static void Validate(string region, InsightBatch batch)
    {
        Require(batch.Region == region, $"Batch for region '{batch.Region}' sent to region '{region}'.");
        Require(batch.Sequence > 0, $"Batch sequence {batch.Sequence} is not positive.");
        var buckets = batch.Buckets ?? [];
        Require(buckets.Count > 0 && buckets.All(b => b is not null), "Batch has no buckets, or a null one.");
        Require(buckets.Select(b => b.Group).Distinct().Count() == buckets.Count, "Batch names a category group twice.");
        foreach (var bucket in buckets)
        {
            var where = $"Bucket {bucket.Group} of region {region}";
            Require(Enum.IsDefined(bucket.Group), $"{where}: unknown category group.");
            var users = bucket.UserKeys ?? [];
            Require(users.Length > 0 && SortedKeys.IsSortedDistinct(users), $"{where}: user keys must be non-empty, sorted and distinct.");
            Require(bucket.Transactions >= users.Length, $"{where}: {bucket.Transactions} transactions cannot come from {users.Length} users.");
            var currencies = bucket.Currencies ?? [];
            Require(currencies.Count > 0 && currencies.All(c => !c.Currency.IsDefault && c.Transactions > 0 && c.TotalMinor > 0),
                $"{where}: every currency total needs a currency, transactions and a positive amount.");
            Require(currencies.Select(c => c.Currency).Distinct().Count() == currencies.Count, $"{where}: a currency appears twice.");
            Require(currencies.Sum(c => c.Transactions) == bucket.Transactions, $"{where}: currency transactions do not add up to {bucket.Transactions}.");
            Require(bucket.FirstEvent <= bucket.LastEvent, $"{where}: first event after last event.");
        }
    }

    private static void Require(bool ok, string problem)
    {
        if (!ok)
        {
            throw new DomainException(DomainError.InvalidArgument, problem);
        }
    }
}
