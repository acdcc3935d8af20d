using Orleans.Concurrency;

namespace Actors.Insights;

/// <summary>
/// Entry point of merchant insights on the authorization hot path: a stateless worker (use key 0)
/// that sums events locally into per-(region, category group) partial buckets and pushes them to
/// the region's <see cref="IMerchantInsightsGrain"/> periodically and when it deactivates.
/// </summary>
[Alias("Actors.Insights.IMerchantInsightsCollector")]
public interface IMerchantInsightsCollector : IGrainWithIntegerKey
{
    /// <summary>
    /// Counts one consented, approved payment. One-way: the caller never waits, and an invalid
    /// event is dropped and counted (see <see cref="CollectorFlushReport.Rejected"/>), never thrown back.
    /// </summary>
    [OneWay, Alias("Record")]
    Task Record(InsightEvent insight);

    /// <summary>Pushes everything this activation holds now to the region grains and says what was delivered.</summary>
    [Alias("Flush")]
    Task<CollectorFlushReport> Flush();

    /// <summary>
    /// What this activation holds now, without pushing. Record is one-way and Orleans does not order
    /// it against later calls, so this is how a caller learns that its events have arrived.
    /// </summary>
    [Alias("Status")]
    Task<CollectorStatus> Status();
}
