using System.Globalization;
using System.Text;

namespace Actors.LoadTests.Capacity;

/// <summary>The activity profile and the machine a capacity estimate is made for; every field is printed with the result.</summary>
public sealed record CapacityAssumptions
{
    /// <summary>Messenger's user count in 2018, the scale the design brief asks about.</summary>
    public const long MessengerScaleUsers = 1_300_000_000;

    public long TotalUsers { get; init; } = MessengerScaleUsers;

    /// <summary>Share of users active on a given day (0-1).</summary>
    public double DailyActiveShare { get; init; } = 0.5;

    /// <summary>Requests per active user per day (card payments, balance checks, notifications...).</summary>
    public double EventsPerActiveUserPerDay { get; init; } = 20;

    /// <summary>Peak-hour rate over the daily average rate.</summary>
    public double PeakFactor { get; init; } = 3;

    /// <summary>Share of the daily actives whose grains are resident at the peak (1 = all of them, conservative).</summary>
    public double ResidentShareOfDailyActive { get; init; } = 1;

    /// <summary>Highest share of a silo's measured capacity to plan for (headroom for failover and spikes).</summary>
    public double TargetUtilization { get; init; } = 0.6;

    /// <summary>Memory of one silo machine (default: this machine's).</summary>
    public long SiloMemoryBytes { get; init; } = 24L * 1024 * 1024 * 1024;

    /// <summary>Share of a silo's memory that may hold grains (the rest: runtime, buffers, GC headroom).</summary>
    public double UsableMemoryShare { get; init; } = 0.6;

    /// <summary>Orleans' grain collection age the resident share was taken at (printed; the share itself is <see cref="ResidentShareOfDailyActive"/>).</summary>
    public TimeSpan CollectionAge { get; init; } = ResidentSet.DefaultCollectionAge;

    /// <summary>Data one store node may hold (a Redis node's memory, a PostgreSQL node's disk), before <see cref="StoreUsableShare"/>.</summary>
    public long StoreNodeBytes { get; init; } = 24L * 1024 * 1024 * 1024;

    /// <summary>Share of a store node's size and measured write rate to plan for.</summary>
    public double StoreUsableShare { get; init; } = 0.6;

    /// <summary>Where <see cref="EventsPerActiveUserPerDay"/> came from ("assumed" unless a profile or a flag set it).</summary>
    public string EventsSource { get; init; } = "assumed";

    /// <summary>Where <see cref="PeakFactor"/> came from.</summary>
    public string PeakSource { get; init; } = "assumed";

    /// <summary>Where <see cref="ResidentShareOfDailyActive"/> came from.</summary>
    public string ResidentSource { get; init; } = "assumed";

    /// <summary>
    /// These assumptions with the load profile of <paramref name="profile"/> where no flag gave a value: events per
    /// active user a day, the peak factor and the resident share at <see cref="CollectionAge"/>.
    /// </summary>
    public CapacityAssumptions From(ActivityProfile profile, double? givenEvents, double? givenPeak, double? givenResident)
    {
        ArgumentNullException.ThrowIfNull(profile);
        const string Given = "given";
        return this with
        {
            EventsPerActiveUserPerDay = givenEvents ?? profile.EventsPerActiveUserPerDay,
            EventsSource = givenEvents is null ? "from " + profile.Source : Given,
            PeakFactor = givenPeak ?? profile.PeakFactor,
            PeakSource = givenPeak is null ? $"busiest {ResidentSet.Text(profile.PeakWindow)} of the simulated days" : Given,
            ResidentShareOfDailyActive = givenResident ?? Math.Min(1, profile.At(CollectionAge).PeakShareOfDailyActive),
            ResidentSource = givenResident is null ? $"simulated peak at a collection age of {ResidentSet.Text(CollectionAge)}" : Given,
        };
    }

    public void Validate()
    {
        Check(TotalUsers > 0, nameof(TotalUsers), "must be positive");
        Check(DailyActiveShare is > 0 and <= 1, nameof(DailyActiveShare), "must be in (0, 1]");
        Check(EventsPerActiveUserPerDay > 0, nameof(EventsPerActiveUserPerDay), "must be positive");
        Check(PeakFactor >= 1, nameof(PeakFactor), "must be at least 1");
        Check(ResidentShareOfDailyActive is >= 0 and <= 1, nameof(ResidentShareOfDailyActive), "must be in [0, 1]");
        Check(TargetUtilization is > 0 and <= 1, nameof(TargetUtilization), "must be in (0, 1]");
        Check(SiloMemoryBytes > 0, nameof(SiloMemoryBytes), "must be positive");
        Check(UsableMemoryShare is > 0 and <= 1, nameof(UsableMemoryShare), "must be in (0, 1]");
        Check(CollectionAge > TimeSpan.Zero, nameof(CollectionAge), "must be positive");
        Check(StoreNodeBytes > 0, nameof(StoreNodeBytes), "must be positive");
        Check(StoreUsableShare is > 0 and <= 1, nameof(StoreUsableShare), "must be in (0, 1]");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new Load.LoadConfigurationException($"Capacity assumption {name} {rule}.");
        }
    }
}

/// <summary>What was measured on this machine and feeds the estimate.</summary>
/// <param name="RequestsPerSecondPerSilo">Highest rate one silo sustained within the SLO.</param>
/// <param name="ResidentBytesPerUser">Managed bytes an active user (user grain + accounts, with state) keeps resident.</param>
public sealed record CapacityMeasurements(double RequestsPerSecondPerSilo, double ResidentBytesPerUser, string RateSource, string MemorySource)
{
    /// <summary>Durable state writes one request makes (measured by counting the store's writes); 0: the store is not sized.</summary>
    public double WritesPerRequest { get; init; }

    /// <summary>Writes a second one store node sustains; null: not measured (the store's write rate is then not sized).</summary>
    public double? StoreWritesPerSecondPerNode { get; init; }

    /// <summary>Serialized state a user keeps in the store (every user, active or not).</summary>
    public double StoreBytesPerUser { get; init; }

    /// <summary>Where the store figures came from.</summary>
    public string StoreSource { get; init; } = "not measured";
}

/// <summary>How many silos and store nodes the profile needs, by CPU, memory, store writes and stored data, and which binds.</summary>
public sealed record CapacityEstimate(
    CapacityAssumptions Assumptions,
    CapacityMeasurements Measurements,
    double AverageRequestsPerSecond,
    double PeakRequestsPerSecond,
    double ResidentUsers,
    long SilosForThroughput,
    long SilosForMemory)
{
    public long Silos => Math.Max(SilosForThroughput, SilosForMemory);

    public string BindingConstraint => SilosForThroughput >= SilosForMemory ? "throughput" : "memory";

    /// <summary>Durable writes a second the store takes at the peak.</summary>
    public double StoreWritesAtPeak => PeakRequestsPerSecond * Measurements.WritesPerRequest;

    /// <summary>Store nodes for the write rate at the peak; null when a node's write rate was not measured.</summary>
    public long? StoreNodesForWrites { get; init; }

    /// <summary>Store nodes for every user's state; null when the state size was not measured.</summary>
    public long? StoreNodesForData { get; init; }

    /// <summary>Store nodes needed (the larger need), null when neither was sized.</summary>
    public long? StoreNodes => StoreNodesForWrites is null && StoreNodesForData is null
        ? null
        : Math.Max(StoreNodesForWrites ?? 0, StoreNodesForData ?? 0);

    public string StoreBindingConstraint => (StoreNodesForWrites ?? 0) >= (StoreNodesForData ?? 0) ? "write rate" : "stored data";

    /// <summary>Every user's state in the store.</summary>
    public double StoredBytes => Assumptions.TotalUsers * Measurements.StoreBytesPerUser;

    public string Describe()
    {
        var a = Assumptions;
        var m = Measurements;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Capacity model for {a.TotalUsers:N0} users");
        text.AppendLine("Assumptions:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  daily active share            {a.DailyActiveShare:P0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  events per active user a day  {a.EventsPerActiveUserPerDay:N2} ({a.EventsSource})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  peak factor                   {a.PeakFactor:N2}x the daily average ({a.PeakSource})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  resident at peak              {a.ResidentShareOfDailyActive:P1} of daily actives ({a.ResidentSource})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  grain collection age          {ResidentSet.Text(a.CollectionAge)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  target utilization            {a.TargetUtilization:P0} of measured capacity");
        text.AppendLine(CultureInfo.InvariantCulture, $"  silo memory                   {Gib(a.SiloMemoryBytes)} GiB, {a.UsableMemoryShare:P0} usable for grains");
        text.AppendLine(CultureInfo.InvariantCulture, $"  store node                    {Gib(a.StoreNodeBytes)} GiB of data, {a.StoreUsableShare:P0} of its size and write rate planned for");
        text.AppendLine("Measured on this machine:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  capacity per silo             {m.RequestsPerSecondPerSilo:N0} requests/s ({m.RateSource})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  resident memory per user      {m.ResidentBytesPerUser:N0} bytes ({m.MemorySource})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  store writes per request      {(m.WritesPerRequest > 0 ? m.WritesPerRequest.ToString("N2", CultureInfo.InvariantCulture) : "not measured")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  store writes/s per node       {(m.StoreWritesPerSecondPerNode is { } w ? w.ToString("N0", CultureInfo.InvariantCulture) : "not measured")} ({m.StoreSource})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  stored state per user         {(m.StoreBytesPerUser > 0 ? m.StoreBytesPerUser.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "not measured")}");
        text.AppendLine("Result:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  average load                  {AverageRequestsPerSecond:N0} requests/s");
        text.AppendLine(CultureInfo.InvariantCulture, $"  peak load                     {PeakRequestsPerSecond:N0} requests/s");
        text.AppendLine(CultureInfo.InvariantCulture, $"  resident users at peak        {ResidentUsers:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  silos for throughput          {SilosForThroughput:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  silos for memory              {SilosForMemory:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  silos needed                  {Silos:N0} of this machine's size (bound by {BindingConstraint})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  store writes at peak          {(m.WritesPerRequest > 0 ? StoreWritesAtPeak.ToString("N0", CultureInfo.InvariantCulture) + "/s" : "not sized")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  store nodes for writes        {Count(StoreNodesForWrites)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  store nodes for data          {Count(StoreNodesForData)}{(StoreNodesForData is null ? "" : string.Create(CultureInfo.InvariantCulture, $" ({StoredBytes / 1e12:N2} TB of state)"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  store nodes needed            {(StoreNodes is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n:N0} (bound by {StoreBindingConstraint})") : "not sized")}");
        text.AppendLine("Bill of materials:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  silos                         {Silos:N0} x {Gib(a.SiloMemoryBytes)} GiB = {Silos * (double)a.SiloMemoryBytes / (1L << 40):N1} TiB of silo memory");
        text.AppendLine(CultureInfo.InvariantCulture, $"  store nodes                   {(StoreNodes is { } nodes ? string.Create(CultureInfo.InvariantCulture, $"{nodes:N0} x {Gib(a.StoreNodeBytes)} GiB = {nodes * (double)a.StoreNodeBytes / (1L << 40):N1} TiB") : "not sized")}");
        return text.ToString();
    }

    private static string Gib(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("N1", CultureInfo.InvariantCulture);

    private static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "not sized";
}

/// <summary>One line of the sensitivity table: one assumption moved, the others at their base values.</summary>
public sealed record SensitivityRow(string Assumption, string Value, bool IsBase, long SilosForThroughput, long SilosForMemory, long? StoreNodes, string Binding)
{
    public long Silos => Math.Max(SilosForThroughput, SilosForMemory);
}

/// <summary>Extrapolates measured per-silo capacity, per-user memory and store rates to a population (pure arithmetic).</summary>
public static class CapacityModel
{
    private static readonly double[] DailyActiveShares = [0.25, 0.5, 0.75, 1.0];
    private static readonly double[] EventMultiples = [0.5, 1, 2, 4];
    private static readonly double[] PeakMultiples = [0.75, 1, 1.5, 2];

    public static CapacityEstimate Estimate(CapacityAssumptions assumptions, CapacityMeasurements measurements)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        ArgumentNullException.ThrowIfNull(measurements);
        assumptions.Validate();
        if (measurements.RequestsPerSecondPerSilo <= 0)
        {
            throw new Load.LoadConfigurationException($"Measured capacity per silo must be positive, was {measurements.RequestsPerSecondPerSilo}.");
        }

        if (measurements.ResidentBytesPerUser <= 0)
        {
            throw new Load.LoadConfigurationException($"Measured memory per user must be positive, was {measurements.ResidentBytesPerUser}.");
        }

        if (measurements.WritesPerRequest < 0 || measurements.StoreWritesPerSecondPerNode <= 0 || measurements.StoreBytesPerUser < 0)
        {
            throw new Load.LoadConfigurationException("Measured store writes per request, writes/s per node and bytes per user must not be negative (and a node's write rate not zero).");
        }

        var dailyActive = assumptions.TotalUsers * assumptions.DailyActiveShare;
        var average = dailyActive * assumptions.EventsPerActiveUserPerDay / 86_400;
        var peak = average * assumptions.PeakFactor;
        var resident = dailyActive * assumptions.ResidentShareOfDailyActive;
        var forThroughput = (long)Math.Ceiling(peak / (measurements.RequestsPerSecondPerSilo * assumptions.TargetUtilization));
        var forMemory = (long)Math.Ceiling(resident * measurements.ResidentBytesPerUser / (assumptions.SiloMemoryBytes * assumptions.UsableMemoryShare));
        long? forWrites = measurements.WritesPerRequest > 0 && measurements.StoreWritesPerSecondPerNode is { } perNode
            ? Math.Max(1, (long)Math.Ceiling(peak * measurements.WritesPerRequest / (perNode * assumptions.StoreUsableShare)))
            : null;
        long? forData = measurements.StoreBytesPerUser > 0
            ? Math.Max(1, (long)Math.Ceiling(assumptions.TotalUsers * measurements.StoreBytesPerUser / (assumptions.StoreNodeBytes * assumptions.StoreUsableShare)))
            : null;
        return new CapacityEstimate(assumptions, measurements, average, peak, resident, Math.Max(1, forThroughput), Math.Max(1, forMemory))
        {
            StoreNodesForWrites = forWrites,
            StoreNodesForData = forData,
        };
    }

    /// <summary>
    /// The estimate with one assumption moved at a time: the daily active share, events per active user, the peak factor
    /// and (with a <paramref name="profile"/>) the collection age, whose resident share the profile measured.
    /// </summary>
    public static IReadOnlyList<SensitivityRow> Sensitivity(CapacityAssumptions assumptions, CapacityMeasurements measurements, ActivityProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        var c = CultureInfo.InvariantCulture;
        var rows = new List<SensitivityRow>();
        foreach (var share in DailyActiveShares.Append(assumptions.DailyActiveShare).Distinct().Order())
        {
            Add("daily active share", share.ToString("P0", c), assumptions with { DailyActiveShare = share }, share == assumptions.DailyActiveShare);
        }

        foreach (var times in EventMultiples)
        {
            var events = assumptions.EventsPerActiveUserPerDay * times;
            Add("events per active user a day", string.Create(c, $"{events:N2} ({times:0.#}x)"), assumptions with { EventsPerActiveUserPerDay = events }, times == 1);
        }

        foreach (var times in PeakMultiples)
        {
            var factor = Math.Max(1, assumptions.PeakFactor * times);
            Add("peak factor", string.Create(c, $"{factor:N2}x ({times:0.##}x)"), assumptions with { PeakFactor = factor }, times == 1);
        }

        foreach (var age in profile?.Resident ?? [])
        {
            var share = Math.Min(1, age.PeakShareOfDailyActive);
            Add("collection age", string.Create(c, $"{ResidentSet.Text(age.CollectionAge)} ({share:P1} resident)"),
                assumptions with { CollectionAge = age.CollectionAge, ResidentShareOfDailyActive = share }, age.CollectionAge == assumptions.CollectionAge);
        }

        return rows;

        void Add(string name, string value, CapacityAssumptions moved, bool isBase)
        {
            var e = Estimate(moved, measurements);
            rows.Add(new SensitivityRow(name, value, isBase, e.SilosForThroughput, e.SilosForMemory, e.StoreNodes, e.BindingConstraint));
        }
    }

    /// <summary>The sensitivity table as plain text, the base value of each assumption marked with *.</summary>
    public static string DescribeSensitivity(IReadOnlyList<SensitivityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder("Sensitivity (one assumption moved at a time; * the base value):\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"assumption",-30} {"value",-26} {"silos",8} {"by CPU",8} {"by memory",10} {"store nodes",12}  binding");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {r.Assumption,-30} {(r.IsBase ? "*" : " ") + r.Value,-26} {r.Silos,8:N0} {r.SilosForThroughput,8:N0} {r.SilosForMemory,10:N0} {(r.StoreNodes is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "-"),12}  {r.Binding}");
        }

        return text.ToString();
    }
}
