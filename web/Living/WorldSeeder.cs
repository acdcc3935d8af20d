using Actors.Simulation.Replay;
using Actors.Simulation.Traffic;

namespace Actors.Web.Living;

/// <summary>
/// Puts a generated population into the grains through the simulator's replay (<see cref="EventApplier"/>),
/// applying the trace's set-up events only (register, open and link accounts, initial deposits, initial consents by propensity): the
/// same people, accounts and consents a trace of this seed starts with. Users are seeded in parallel,
/// each user's events in order.
/// </summary>
internal static class WorldSeeder
{
    private const int Parallelism = 32;

    public static async Task SeedAsync(IGrainFactory grains, Simulation.Population.World population, CancellationToken cancellationToken)
    {
        var perUser = new List<List<TraceEvent>>(population.UserCount);
        foreach (var e in new TrafficGenerator(population))
        {
            if (e.Type == EventType.MerchantRegistered)
            {
                continue;
            }

            if (e.Type is not (EventType.UserRegistered or EventType.AccountOpened or EventType.InitialDeposit or EventType.ConsentGranted))
            {
                break; // set-up is over: the rest is traffic, which the live pump makes instead
            }

            if (e.Type == EventType.UserRegistered)
            {
                perUser.Add([]);
            }

            perUser[^1].Add(e);
        }

        var applier = new EventApplier(grains, ActorsConstants.MessengerActor);
        await Parallel.ForEachAsync(perUser, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (events, _) =>
            {
                foreach (var e in events)
                {
                    await ApplyAsync(applier, e);
                }
            });
    }

    private static async Task ApplyAsync(EventApplier applier, TraceEvent e)
    {
        var outcome = await applier.ApplyAsync(e);
        if (outcome.Outcome == ReplayOutcome.Failed)
        {
            throw new InvalidOperationException($"Seeding the population failed at event {e.Seq} ({e.Type}): {outcome.Detail}");
        }
    }
}
