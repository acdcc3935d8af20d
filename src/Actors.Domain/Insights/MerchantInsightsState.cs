namespace Actors.Insights;

/// <summary>
/// The persisted aggregate of one region grain. Distinct users are kept exactly, as a sorted array of
/// 64-bit keys per bucket, so counts near k are never estimates: that costs 8 bytes per distinct user
/// per bucket, resident and in every write (a bucket of 1 million users is 8 MB; MerchantInsightsGrain
/// explains the write cost this implies).
/// </summary>
[GenerateSerializer, Alias("Actors.Insights.MerchantInsightsState")]
public sealed class MerchantInsightsState
{
    [Id(0)] public Dictionary<MerchantCategoryGroup, BucketAggregate> Buckets { get; set; } = [];

    /// <summary>Highest batch sequence merged per collector activation, for deduplicating resends.</summary>
    [Id(1)] public Dictionary<Guid, SourceMark> Sources { get; set; } = [];
}

/// <summary>Everything counted for one category group of the region.</summary>
[GenerateSerializer, Alias("Actors.Insights.BucketAggregate")]
public sealed class BucketAggregate
{
    [Id(0)] public long Transactions { get; set; }

    /// <summary>One entry per currency seen, in order of first appearance.</summary>
    [Id(1)] public List<CurrencyTotal> Currencies { get; set; } = [];

    /// <summary>Distinct pseudonymous user keys, sorted ascending (8 bytes each).</summary>
    [Id(2)] public ulong[] UserKeys { get; set; } = [];

    [Id(3)] public DateTimeOffset FirstEvent { get; set; }

    [Id(4)] public DateTimeOffset LastEvent { get; set; }
}

/// <summary>The last batch merged from one collector activation, and when.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Insights.SourceMark")]
public readonly record struct SourceMark(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset SeenAt);
