namespace Actors.Insights;

/// <summary>
/// The insight aggregate of one region, keyed by the ISO 3166 alpha-2 country (e.g. "DE"). It merges
/// the collectors' batches, persists the aggregate, and publishes only k-anonymous figures.
/// </summary>
[Alias("Actors.Insights.IMerchantInsightsGrain")]
public interface IMerchantInsightsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds a collector's batch. A batch whose sequence number its source already delivered is
    /// acknowledged and ignored, so a collector may resend after a lost answer without double counting.
    /// </summary>
    /// <exception cref="Errors.DomainException">The batch is malformed or for another region; nothing changed.</exception>
    [Alias("Merge")]
    Task Merge(InsightBatch batch);

    /// <summary>The published figures: buckets with at least k distinct users; the rest only counted.</summary>
    [Alias("Publish")]
    Task<PublishedInsights> Publish();
}
