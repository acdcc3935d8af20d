using Actors.Load.Thresholds;

namespace Actors.Load.Statistics;

// The computed, report-ready view of a run. Plain records with init properties so that report.json
// round-trips through System.Text.Json; everything here is derived from a RawRun by ResultBuilder.

/// <summary>The outcome of a run: per-scenario statistics and the threshold verdicts.</summary>
public sealed record RunResult
{
    public required string RunId { get; init; }

    public required IReadOnlyList<string> Agents { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required double DurationSeconds { get; init; }

    public required double ReportingIntervalSeconds { get; init; }

    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    public required IReadOnlyList<ThresholdResult> Thresholds { get; init; }

    public bool AllThresholdsPassed => Thresholds.All(t => t.Passed);

    /// <summary>Where the reports were written, or null when reports were disabled.</summary>
    public string? ReportFolder { get; init; }

    /// <summary>Machine, runtime, build and command line of the run (null for runs recorded before it was kept).</summary>
    public RunEnvironment? Environment { get; init; }

    /// <summary>The generator's process per reporting interval and agent: GC pauses, collections, thread pool, CPU.</summary>
    public IReadOnlyList<ProcessIntervalResult> Process { get; init; } = [];

    /// <summary>
    /// For each latency threshold breached: whether the breach coincides with the generator's GC pauses or lag, or
    /// points at the system under test. Empty when nothing was breached.
    /// </summary>
    public IReadOnlyList<string> Attribution { get; init; } = [];

    public ScenarioResult Scenario(string name) =>
        Scenarios.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"No scenario '{name}' in the run.");
}

/// <summary>One scenario: whole-invocation statistics, named steps, the load profile over time and lag.</summary>
public sealed record ScenarioResult
{
    public required string Name { get; init; }

    public required double DurationSeconds { get; init; }

    public required IReadOnlyList<string> Simulations { get; init; }

    public required StepResult Global { get; init; }

    public required IReadOnlyList<StepResult> Steps { get; init; }

    public required IReadOnlyList<LoadIntervalResult> Load { get; init; }

    public required LagResult Lag { get; init; }

    /// <summary>How the open model was paced ("precise" or "timer"); null for a closed-model scenario.</summary>
    public string? Pacer { get; init; }

    /// <summary>CPU time of the precise pacer's thread (which also hands each invocation to the thread pool), when measured.</summary>
    public double? PacerCpuSeconds { get; init; }

    /// <summary><see cref="PacerCpuSeconds"/> as a percentage of one core over the scenario's duration.</summary>
    public double? PacerCpuPercentOfCore { get; init; }

    public long OkCount => Global.Ok.Count;

    public long FailCount => Global.Fail.Count;

    public double FailPercent => Global.FailPercent;

    /// <summary>All requests (ok + fail) per second over the scenario's duration.</summary>
    public double Rps => Global.Rps;
}

/// <summary>
/// Statistics of one step, or of whole invocations (<see cref="ScenarioResult.Global"/>). <see cref="Ok"/> and
/// <see cref="Fail"/> carry response time (intended start to end); <see cref="Service"/> is the successful requests'
/// service time (actual start to end) and <see cref="Wait"/> every request's wait (intended to actual start).
/// </summary>
public sealed record StepResult
{
    public required string Name { get; init; }

    public required MeasureResult Ok { get; init; }

    public required MeasureResult Fail { get; init; }

    public LatencyResult Service { get; init; } = LatencyResult.Empty;

    public LatencyResult Wait { get; init; } = LatencyResult.Empty;

    /// <summary>The percentile spectrum (HdrHistogram's percentile distribution) of the three times.</summary>
    public IReadOnlyList<PercentilePoint> Distribution { get; init; } = [];

    public required double Rps { get; init; }

    public required double FailPercent { get; init; }

    public required IReadOnlyList<CountEntry> StatusCodes { get; init; }

    public required IReadOnlyList<CountEntry> ErrorKinds { get; init; }

    public required IReadOnlyList<IntervalResult> Intervals { get; init; }
}

/// <summary>Count, throughput, bytes and latency of the ok (or fail) requests.</summary>
public sealed record MeasureResult
{
    public required long Count { get; init; }

    public required double Rps { get; init; }

    public required long Bytes { get; init; }

    public required LatencyResult Latency { get; init; }
}

/// <summary>Latency distribution in milliseconds (recorded in microseconds by HdrHistogram).</summary>
public sealed record LatencyResult
{
    public static readonly LatencyResult Empty = new();

    /// <summary>Samples in the histogram: the ok (or failed) requests for response time, the ok ones for service, all for wait.</summary>
    public long Count { get; init; }

    public double MinMs { get; init; }

    public double MeanMs { get; init; }

    public double MaxMs { get; init; }

    public double StdDevMs { get; init; }

    public double P50Ms { get; init; }

    public double P75Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double P999Ms { get; init; }
}

/// <summary>One reporting interval of a step.</summary>
public sealed record IntervalResult
{
    public required int Index { get; init; }

    public required double StartSeconds { get; init; }

    public required double DurationSeconds { get; init; }

    public required long OkCount { get; init; }

    public required long FailCount { get; init; }

    public required double Rps { get; init; }

    public required LatencyResult OkLatency { get; init; }

    public LatencyResult ServiceLatency { get; init; } = LatencyResult.Empty;

    public LatencyResult WaitLatency { get; init; } = LatencyResult.Empty;
}

/// <summary>The value at one percentile of the response (ok), service (ok) and wait (all) histograms, in ms.</summary>
public sealed record PercentilePoint(double Percentile, double ResponseMs, double ServiceMs, double WaitMs);

/// <summary>What one agent's process did in one reporting interval.</summary>
public sealed record ProcessIntervalResult
{
    public required string Agent { get; init; }

    public required int Index { get; init; }

    public required double StartSeconds { get; init; }

    public required double DurationSeconds { get; init; }

    public required double GcPauseMs { get; init; }

    public required int Gen0Collections { get; init; }

    public required int Gen1Collections { get; init; }

    public required int Gen2Collections { get; init; }

    public required long AllocatedBytes { get; init; }

    public required long ThreadPoolQueueLength { get; init; }

    public required int ThreadPoolThreads { get; init; }

    public required double CpuPercent { get; init; }
}

/// <summary>The achieved load shape in one reporting interval.</summary>
public sealed record LoadIntervalResult
{
    public required int Index { get; init; }

    public required double StartSeconds { get; init; }

    /// <summary>Length of the interval: the reporting interval, except the run's last one, which is often a fragment.</summary>
    public double DurationSeconds { get; init; }

    public required int MaxConcurrency { get; init; }

    public required int Copies { get; init; }

    public required long IntendedStarts { get; init; }

    public required long LateStarts { get; init; }
}

/// <summary>How well the open-model generator kept its schedule.</summary>
public sealed record LagResult
{
    public required long IntendedStarts { get; init; }

    public required long LateStarts { get; init; }

    public required double LateThresholdMs { get; init; }

    public required double MaxLatenessMs { get; init; }

    public bool IsLagging => LateStarts > 0;

    /// <summary>"lagging: N requests started > X ms late (max Y ms)" or "on schedule".</summary>
    public string Summary => IsLagging
        ? $"lagging: {LateStarts} of {IntendedStarts} requests started > {LateThresholdMs:0.###} ms late (max {MaxLatenessMs:0.#} ms)"
        : IntendedStarts > 0 ? $"on schedule: {IntendedStarts} requests started within {LateThresholdMs:0.###} ms" : "closed model";
}

/// <summary>A named counter (status code or error kind).</summary>
public sealed record CountEntry(string Name, long Count);
