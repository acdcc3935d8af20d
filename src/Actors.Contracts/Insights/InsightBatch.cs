namespace Actors.Insights;

/// <summary>
/// What a collector pushes to one region grain: the partial buckets it summed since its last push.
/// Internal traffic between the two grains; it holds user keys and is never published.
/// </summary>
/// <param name="Source">The collector activation that made it (random per activation).</param>
/// <param name="Sequence">Increases with every batch of that source; the region grain ignores a sequence it already has.</param>
/// <param name="Region">ISO 3166 alpha-2 country, the key of the receiving grain.</param>
[GenerateSerializer, Immutable, Alias("Actors.Insights.InsightBatch")]
public sealed record InsightBatch(
    [property: Id(0)] Guid Source,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Region,
    [property: Id(3)] IReadOnlyList<BucketPartial> Buckets)
{
    /// <summary>Payments summed in this batch.</summary>
    public long Transactions => Buckets.Sum(b => b.Transactions);
}

/// <summary>The partial sums of one category group in one batch.</summary>
/// <param name="UserKeys">Distinct pseudonymous user keys, sorted ascending.</param>
[GenerateSerializer, Immutable, Alias("Actors.Insights.BucketPartial")]
public sealed record BucketPartial(
    [property: Id(0)] MerchantCategoryGroup Group,
    [property: Id(1)] long Transactions,
    [property: Id(2)] IReadOnlyList<CurrencyTotal> Currencies,
    [property: Id(3)] ulong[] UserKeys,
    [property: Id(4)] DateTimeOffset FirstEvent,
    [property: Id(5)] DateTimeOffset LastEvent);

/// <summary>Payments in one currency: how many, and their exact total in minor units.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Insights.CurrencyTotal")]
public readonly record struct CurrencyTotal(
    [property: Id(0)] Money.Currency Currency,
    [property: Id(1)] long Transactions,
    [property: Id(2)] long TotalMinor);
