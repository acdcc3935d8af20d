using System.Globalization;
using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Traffic;

namespace Actors.LoadTests.Capacity;

/// <summary>
/// The simulator's own traffic model (per-user rates, daily and weekly rhythm in each user's time zone, salaries,
/// trips, fraud) as the requests its users make, for <see cref="ResidentSet"/>: the capacity model's load profile comes
/// from the same behaviour the simulator generates, seeded, so it is the same on every run.
/// </summary>
public static class SimulatedActivity
{
    /// <summary>Generates <paramref name="options"/>' traffic and profiles it for <paramref name="ages"/>.</summary>
    public static ActivityProfile Profile(SimulationOptions options, IReadOnlyList<TimeSpan> ages, TimeSpan quantum, TimeSpan peakWindow)
    {
        ArgumentNullException.ThrowIfNull(options);
        SimulationOptionsValidator.ThrowIfInvalid(options);
        var world = WorldBuilder.Build(options);
        var activity = Requests(world);
        var source = string.Create(CultureInfo.InvariantCulture,
            $"the simulator's traffic: {options.Users:N0} users x {options.Days} days from {options.Start:yyyy-MM-dd}, seed {options.Seed}, {activity.Count(a => a.IsRequest):N0} requests");
        return ResidentSet.Measure(activity, world.UserCount, options.StartMs, options.EndMs, ages, quantum, peakWindow, source);
    }

    /// <summary>
    /// Every traffic event as a request of the user it concerns (a transfer also as activity of the receiving account's owner);
    /// the set-up (registrations, openings, initial deposits and consents at the start instant) is not traffic, and
    /// neither is a chargeback (a label the replay skips: no grain is called). A refund is (a deposit to the account).
    /// </summary>
    public static List<UserActivity> Requests(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var users = new Dictionary<string, int>(world.UserCount, StringComparer.Ordinal);
        for (var u = 0; u < world.UserCount; u++)
        {
            users[world.UserIds[u]] = u;
        }

        var accounts = new Dictionary<string, int>(world.AccountCount, StringComparer.Ordinal);
        for (var a = 0; a < world.AccountCount; a++)
        {
            accounts[world.AccountIds[a]] = world.AccountOwner[a];
        }

        var startMs = world.Options.StartMs;
        var requests = new List<UserActivity>();
        foreach (var e in new TrafficGenerator(world))
        {
            if (e.Type is EventType.MerchantRegistered or EventType.UserRegistered or EventType.AccountOpened or EventType.InitialDeposit or EventType.Chargeback
                || (e.TimeMs == startMs && e.Type is EventType.ConsentGranted or EventType.ConsentRevoked))
            {
                continue;
            }

            if (e.UserId is { } id && users.TryGetValue(id, out var user))
            {
                requests.Add(new UserActivity(user, e.TimeMs));
            }
            else if (e.AccountId is { } account && accounts.TryGetValue(account, out var owner))
            {
                requests.Add(new UserActivity(owner, e.TimeMs));
            }

            if (e.Type == EventType.Transfer && e.CounterAccountId is { } to && accounts.TryGetValue(to, out var receiver))
            {
                requests.Add(new UserActivity(receiver, e.TimeMs, IsRequest: false));
            }
        }

        return requests;
    }
}
