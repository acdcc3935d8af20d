using CsCheck;

namespace Actors.Tests.Invariants;

/// <summary>
/// Money conservation (DESIGN.md: "money is never created or lost") over random traffic with
/// retries and transfers interrupted by transient faults. A failure prints the shrunk scenario and
/// the seed that replays it (CsCheck_Seed).
/// </summary>
public sealed class MoneyConservationProperties
{
    [Fact]
    public async Task Money_is_never_created_or_lost_across_postings_transfers_faults_and_retries()
    {
        await ConservationGenerators.World.SampleAsync(world => new ConservationRun(world).Play(), iter: 2_000, print: world => world.Describe());
    }
}
