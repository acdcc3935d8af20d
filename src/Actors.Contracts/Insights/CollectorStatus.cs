namespace Actors.Insights;

/// <summary>What a collector activation holds right now, for monitoring (and for tests to know that one-way events arrived).</summary>
/// <param name="Held">Events counted since the last push.</param>
/// <param name="Rejected">Invalid events refused since the last push.</param>
/// <param name="PendingBatches">Batches waiting for an unreachable region grain.</param>
[GenerateSerializer, Immutable, Alias("Actors.Insights.CollectorStatus")]
public sealed record CollectorStatus(
    [property: Id(0)] long Held,
    [property: Id(1)] long Rejected,
    [property: Id(2)] int PendingBatches);
