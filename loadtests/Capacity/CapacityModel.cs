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

    public void Validate()
    {
        Check(TotalUsers > 0, nameof(TotalUsers), "must be positive");
        Check(DailyActiveShare is > 0 and <= 1, nameof(DailyActiveShare), "must be in (0, 1]");
        Check(EventsPerActiveUserPerDay > 0, nameof(EventsPerActiveUserPerDay), "must be positive");
        Check(PeakFactor >= 1, nameof(PeakFactor), "must be at least 1");
        Check(ResidentShareOfDailyActive is > 0 and <= 1, nameof(ResidentShareOfDailyActive), "must be in (0, 1]");
        Check(TargetUtilization is > 0 and <= 1, nameof(TargetUtilization), "must be in (0, 1]");
        Check(SiloMemoryBytes > 0, nameof(SiloMemoryBytes), "must be positive");
        Check(UsableMemoryShare is > 0 and <= 1, nameof(UsableMemoryShare), "must be in (0, 1]");
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
public sealed record CapacityMeasurements(double RequestsPerSecondPerSilo, double ResidentBytesPerUser, string RateSource, string MemorySource);

/// <summary>How many silos the profile needs, by CPU and by memory, and which one binds.</summary>
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

    public string Describe()
    {
        var a = Assumptions;
        var m = Measurements;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Capacity model for {a.TotalUsers:N0} users");
        text.AppendLine("Assumptions:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  daily active share            {a.DailyActiveShare:P0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  events per active user a day  {a.EventsPerActiveUserPerDay:N1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  peak factor                   {a.PeakFactor:N1}x the daily average");
        text.AppendLine(CultureInfo.InvariantCulture, $"  resident at peak              {a.ResidentShareOfDailyActive:P0} of daily actives");
        text.AppendLine(CultureInfo.InvariantCulture, $"  target utilization            {a.TargetUtilization:P0} of measured capacity");
        text.AppendLine(CultureInfo.InvariantCulture, $"  silo memory                   {a.SiloMemoryBytes / (1024.0 * 1024 * 1024):N1} GiB, {a.UsableMemoryShare:P0} usable for grains");
        text.AppendLine("Measured on this machine:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  capacity per silo             {m.RequestsPerSecondPerSilo:N0} requests/s ({m.RateSource})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  resident memory per user      {m.ResidentBytesPerUser:N0} bytes ({m.MemorySource})");
        text.AppendLine("Result:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  average load                  {AverageRequestsPerSecond:N0} requests/s");
        text.AppendLine(CultureInfo.InvariantCulture, $"  peak load                     {PeakRequestsPerSecond:N0} requests/s");
        text.AppendLine(CultureInfo.InvariantCulture, $"  resident users at peak        {ResidentUsers:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  silos for throughput          {SilosForThroughput:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  silos for memory              {SilosForMemory:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  silos needed                  {Silos:N0} of this machine's size (bound by {BindingConstraint})");
        return text.ToString();
    }
}

/// <summary>Extrapolates measured per-silo capacity and per-user memory to a population (pure arithmetic).</summary>
public static class CapacityModel
{
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

        var dailyActive = assumptions.TotalUsers * assumptions.DailyActiveShare;
        var average = dailyActive * assumptions.EventsPerActiveUserPerDay / 86_400;
        var peak = average * assumptions.PeakFactor;
        var resident = dailyActive * assumptions.ResidentShareOfDailyActive;
        var forThroughput = (long)Math.Ceiling(peak / (measurements.RequestsPerSecondPerSilo * assumptions.TargetUtilization));
        var forMemory = (long)Math.Ceiling(resident * measurements.ResidentBytesPerUser / (assumptions.SiloMemoryBytes * assumptions.UsableMemoryShare));
        return new CapacityEstimate(assumptions, measurements, average, peak, resident, Math.Max(1, forThroughput), Math.Max(1, forMemory));
    }
}
