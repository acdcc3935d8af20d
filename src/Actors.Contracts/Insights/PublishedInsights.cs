namespace Actors.Insights;

/// <summary>
/// The published insight figures of one region. Only buckets with at least <see cref="K"/> distinct
/// users appear; <see cref="SuppressedBuckets"/> says how many others exist and nothing more. No type
/// reachable from here holds a user key, user id or account id.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Insights.PublishedInsights")]
public sealed record PublishedInsights(
    [property: Id(0)] string Region,
    [property: Id(1)] int K,
    [property: Id(2)] DateTimeOffset PublishedAt,
    [property: Id(3)] IReadOnlyList<PublishedBucket> Buckets,
    [property: Id(4)] int SuppressedBuckets);

/// <summary>One published (category group, region) bucket.</summary>
/// <param name="FirstDay">UTC day of the earliest payment counted (day granularity on purpose).</param>
/// <param name="LastDay">UTC day of the latest payment counted.</param>
[GenerateSerializer, Immutable, Alias("Actors.Insights.PublishedBucket")]
public sealed record PublishedBucket(
    [property: Id(0)] MerchantCategoryGroup Group,
    [property: Id(1)] string Region,
    [property: Id(2)] long Transactions,
    [property: Id(3)] int DistinctUsers,
    [property: Id(4)] IReadOnlyList<PublishedAmount> Amounts,
    [property: Id(5)] DateOnly FirstDay,
    [property: Id(6)] DateOnly LastDay);

/// <summary>Payments of a bucket in one currency.</summary>
/// <param name="Average">Total divided by transactions, rounded half away from zero to a minor unit.</param>
[GenerateSerializer, Immutable, Alias("Actors.Insights.PublishedAmount")]
public sealed record PublishedAmount(
    [property: Id(0)] long Transactions,
    [property: Id(1)] Money.Money Total,
    [property: Id(2)] Money.Money Average);
