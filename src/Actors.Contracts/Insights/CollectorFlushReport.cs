namespace Actors.Insights;

/// <summary>What one <see cref="IMerchantInsightsCollector.Flush"/> achieved.</summary>
/// <param name="Transactions">Payments delivered to region grains by this flush (resent batches included).</param>
/// <param name="Batches">Batches delivered (one per region with data).</param>
/// <param name="Pending">Batches kept for the next flush because their region grain failed.</param>
/// <param name="Rejected">Invalid events dropped since the previous flush.</param>
/// <param name="Dropped">Batches given up since the previous flush (malformed, or too many pending).</param>
[GenerateSerializer, Immutable, Alias("Actors.Insights.CollectorFlushReport")]
public sealed record CollectorFlushReport(
    [property: Id(0)] long Transactions,
    [property: Id(1)] int Batches,
    [property: Id(2)] int Pending,
    [property: Id(3)] long Rejected,
    [property: Id(4)] int Dropped);
