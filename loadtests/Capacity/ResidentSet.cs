using System.Globalization;

namespace Actors.LoadTests.Capacity;

/// <summary>
/// One user's use of the cluster at one instant (Unix milliseconds): a request they made, or (<paramref name="IsRequest"/>
/// false) one that reached their grains from someone else's, such as the receiving side of a transfer. Both keep the user
/// resident; only requests count towards the request rate.
/// </summary>
public readonly record struct UserActivity(int User, long TimeMs, bool IsRequest = true);

/// <summary>How many users are resident (have activations in memory) under one grain collection age.</summary>
/// <param name="CollectionAge">Orleans' <c>GrainCollectionOptions.CollectionAge</c>: idle time after which an activation is collected.</param>
/// <param name="PeakResidentUsers">Most users resident at one instant of the measured window.</param>
/// <param name="MeanResidentUsers">Time-weighted mean over the measured window.</param>
/// <param name="PeakShareOfDailyActive">Peak resident users over the mean number of users active in a day.</param>
public sealed record ResidentAtAge(TimeSpan CollectionAge, double PeakResidentUsers, double MeanResidentUsers, double PeakShareOfDailyActive);

/// <summary>
/// What a population's traffic says about the load it makes: events per active user a day, the peak rate over the
/// daily average, and how many users are resident at the peak for each collection age. Measured, not assumed.
/// </summary>
public sealed record ActivityProfile(
    int Users,
    double Days,
    long Requests,
    double DailyActiveUsers,
    double EventsPerActiveUserPerDay,
    double PeakFactor,
    TimeSpan PeakWindow,
    TimeSpan CollectionQuantum,
    IReadOnlyList<ResidentAtAge> Resident,
    string Source)
{
    /// <summary>The share of users active in a day.</summary>
    public double DailyActiveShare => Users == 0 ? 0 : DailyActiveUsers / Users;

    /// <summary>The resident figures for <paramref name="age"/>, which must be one the profile was measured for.</summary>
    public ResidentAtAge At(TimeSpan age) => Resident.FirstOrDefault(r => r.CollectionAge == age)
        ?? throw new ArgumentException($"The activity profile has no resident set for a collection age of {ResidentSet.Text(age)}.", nameof(age));
}

/// <summary>
/// The resident set of a population from its traffic, as Orleans' activation collector would keep it: an activation
/// last used at <c>t</c> stays until the collection quantum that follows <c>t + CollectionAge</c> (the collector
/// files activations in buckets of one quantum and collects a bucket when it falls due). A user counts as resident
/// while any of their requests is that recent (their user grain and accounts are taken together, as the memory probe
/// measures them). Pure arithmetic over a time-ordered list of requests.
/// </summary>
public static class ResidentSet
{
    /// <summary>Orleans' default <c>GrainCollectionOptions.CollectionQuantum</c>.</summary>
    public static readonly TimeSpan DefaultQuantum = TimeSpan.FromMinutes(1);

    /// <summary>Orleans' default <c>GrainCollectionOptions.CollectionAge</c> (the silo does not change it).</summary>
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);

    /// <summary>The collection ages the model sweeps.</summary>
    public static readonly IReadOnlyList<TimeSpan> SweptAges =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    /// <summary>The window the peak rate is taken over: a peak quarter hour, long enough that a sample's noise does not make the peak.</summary>
    public static readonly TimeSpan DefaultPeakWindow = TimeSpan.FromMinutes(15);

    private const long DayMs = 86_400_000;

    /// <summary>When an activation last used at <paramref name="lastUseMs"/> is collected: the quantum boundary at or after last use + age.</summary>
    public static long CollectedAtMs(long lastUseMs, long ageMs, long quantumMs)
    {
        var due = lastUseMs + ageMs;
        var rest = due % quantumMs;
        if (rest < 0)
        {
            rest += quantumMs;
        }

        return rest == 0 ? due : due + (quantumMs - rest);
    }

    /// <summary>
    /// Profiles <paramref name="activity"/> (in time order) of <paramref name="users"/> users between
    /// <paramref name="startMs"/> and <paramref name="endMs"/>. Daily figures and the peak rate use the whole days in the
    /// window; resident sets are measured after the first <c>largest age + quantum</c> (before that nobody can have been
    /// collected yet, and the start of a simulation has nobody resident).
    /// </summary>
    public static ActivityProfile Measure(IReadOnlyList<UserActivity> activity, int users, long startMs, long endMs,
        IReadOnlyList<TimeSpan> ages, TimeSpan quantum, TimeSpan peakWindow, string source)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(ages);
        var days = (int)((endMs - startMs) / DayMs);
        if (users <= 0 || days < 1)
        {
            throw new Load.LoadConfigurationException($"An activity profile needs users and at least one whole day (had {users} users, {(endMs - startMs) / (double)DayMs:0.##} days).");
        }

        if (ages.Count == 0 || ages.Any(a => a <= TimeSpan.Zero) || quantum <= TimeSpan.Zero || peakWindow <= TimeSpan.Zero || DayMs % (long)peakWindow.TotalMilliseconds != 0)
        {
            throw new Load.LoadConfigurationException("Collection ages and the quantum must be positive, and the peak window must divide a day.");
        }

        for (var i = 1; i < activity.Count; i++)
        {
            if (activity[i].TimeMs < activity[i - 1].TimeMs)
            {
                throw new ArgumentException($"Activity must be in time order (request {i} is earlier than request {i - 1}).", nameof(activity));
            }
        }

        var (dailyActive, requestsInDays, peakFactor) = Daily(activity, users, startMs, days, (long)peakWindow.TotalMilliseconds);
        var warmMs = (long)(ages.Max() + quantum).TotalMilliseconds;
        var resident = ages.Distinct().Order().Select(age =>
        {
            var (peak, mean) = Resident(activity, users, startMs, endMs, (long)age.TotalMilliseconds, (long)quantum.TotalMilliseconds, warmMs);
            return new ResidentAtAge(age, peak, mean, dailyActive == 0 ? 0 : peak / dailyActive);
        }).ToList();
        var perActive = dailyActive == 0 ? 0 : requestsInDays / (dailyActive * days);
        return new ActivityProfile(users, days, activity.Count(a => a.IsRequest), dailyActive, perActive, peakFactor, peakWindow, quantum, resident, source);
    }

    public static string Text(TimeSpan age) => age.TotalMinutes >= 1 && age.TotalMinutes % 1 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0.#} s");

    // Mean distinct users a day, requests in the whole days, and the busiest window over the mean window.
    private static (double DailyActive, long Events, double PeakFactor) Daily(IReadOnlyList<UserActivity> activity, int users, long startMs, int days, long windowMs)
    {
        var seenOn = new int[users];
        Array.Fill(seenOn, -1);
        var windows = new long[days * (DayMs / windowMs)];
        long active = 0, events = 0;
        foreach (var a in activity)
        {
            var offset = a.TimeMs - startMs;
            if (offset < 0 || offset >= days * DayMs)
            {
                continue;
            }

            var day = (int)(offset / DayMs);
            if (seenOn[a.User] != day)
            {
                seenOn[a.User] = day;
                active++;
            }

            if (a.IsRequest)
            {
                events++;
                windows[offset / windowMs]++;
            }
        }

        var meanWindow = events / (double)windows.Length;
        return (active / (double)days, events, meanWindow == 0 ? 1 : windows.Max() / meanWindow);
    }

    // Each user's resident intervals (a request while resident extends the interval), then a sweep over their ends.
    private static (double Peak, double Mean) Resident(IReadOnlyList<UserActivity> activity, int users, long startMs, long endMs,
        long ageMs, long quantumMs, long warmMs)
    {
        var from = Math.Min(startMs + warmMs, endMs - 1);
        var openedAt = new long[users];
        var collectedAt = new long[users];
        Array.Fill(collectedAt, long.MinValue);
        var changes = new List<(long TimeMs, int Delta)>();
        foreach (var a in activity)
        {
            var until = CollectedAtMs(a.TimeMs, ageMs, quantumMs);
            if (a.TimeMs < collectedAt[a.User])
            {
                collectedAt[a.User] = Math.Max(collectedAt[a.User], until);
                continue;
            }

            Close(a.User);
            openedAt[a.User] = a.TimeMs;
            collectedAt[a.User] = until;
        }

        for (var u = 0; u < users; u++)
        {
            Close(u);
        }

        // At one instant a collection comes before an activation, so back-to-back intervals do not count twice.
        changes.Sort((x, y) => x.TimeMs != y.TimeMs ? x.TimeMs.CompareTo(y.TimeMs) : x.Delta.CompareTo(y.Delta));
        long count = 0, peak = 0;
        double area = 0;
        var last = from;
        var i = 0;
        for (; i < changes.Count && changes[i].TimeMs <= from; i++)
        {
            count += changes[i].Delta;
        }

        peak = count;
        for (; i < changes.Count && changes[i].TimeMs < endMs; i++)
        {
            area += count * (double)(changes[i].TimeMs - last);
            last = changes[i].TimeMs;
            count += changes[i].Delta;
            peak = Math.Max(peak, count);
        }

        area += count * (double)(endMs - last);
        return (peak, area / (endMs - from));

        void Close(int user)
        {
            if (collectedAt[user] == long.MinValue)
            {
                return;
            }

            changes.Add((openedAt[user], +1));
            changes.Add((Math.Min(collectedAt[user], endMs), -1));
            collectedAt[user] = long.MinValue;
        }
    }
}
