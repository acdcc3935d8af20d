using HdrHistogram;

namespace Actors.Load.Statistics;

// The raw, mergeable record of a run: exact histograms and counters, nothing derived. Reports are computed from
// it (ResultBuilder) and it is what agents save and `merge` adds together (RawRunMerger).

/// <summary>Everything one run (or the merge of several agents' runs) measured.</summary>
public sealed class RawRun
{
    public required string RunId { get; init; }

    /// <summary>Which agents contributed ("1/1" for a single run; several after a merge).</summary>
    public required IReadOnlyList<string> Agents { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required TimeSpan Duration { get; init; }

    public required TimeSpan ReportingInterval { get; init; }

    public required IReadOnlyList<RawScenario> Scenarios { get; init; }

    /// <summary>Thresholds applied to every scenario, as their original text.</summary>
    public IReadOnlyList<string> GlobalThresholds { get; init; } = [];

    /// <summary>Where the run was measured (machine, runtime, build, command line); null in runs of older versions.</summary>
    public RunEnvironment? Environment { get; init; }

    /// <summary>
    /// The load generator's process per reporting interval (GC pauses, collections, thread-pool queue, CPU), so a
    /// latency spike can be told apart from a pause of the generator itself. One list per agent after a merge.
    /// </summary>
    public IReadOnlyList<RawProcessInterval> Process { get; init; } = [];
}

/// <summary>What the process of one agent did during one reporting interval.</summary>
public sealed class RawProcessInterval
{
    /// <summary>The agent ("1/1", "2/3") whose process this is.</summary>
    public required string Agent { get; init; }

    public required int Index { get; init; }

    public required TimeSpan Start { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Time the runtime paused the process for garbage collection during the interval.</summary>
    public TimeSpan GcPause { get; init; }

    public int Gen0Collections { get; init; }

    public int Gen1Collections { get; init; }

    public int Gen2Collections { get; init; }

    /// <summary>Bytes allocated on the managed heap during the interval (all threads).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Work items queued to the thread pool at the end of the interval (a backlog means the machine is starved).</summary>
    public long ThreadPoolQueueLength { get; init; }

    public int ThreadPoolThreads { get; init; }

    /// <summary>Process CPU time over the interval as a percentage of all cores (100 = every core busy).</summary>
    public double CpuPercent { get; init; }
}

/// <summary>One scenario's measurements: the whole invocation (<see cref="Global"/>) and each named step.</summary>
public sealed class RawScenario
{
    public required string Name { get; init; }

    public required TimeSpan Duration { get; init; }

    public required RawStep Global { get; init; }

    public required IReadOnlyList<RawStep> Steps { get; init; }

    /// <summary>Load-shape gauges per reporting interval (concurrency, copies, intended and late starts).</summary>
    public required IReadOnlyList<RawLoadInterval> Intervals { get; init; }

    public required IReadOnlyList<string> Simulations { get; init; }

    public required IReadOnlyList<string> Thresholds { get; init; }

    /// <summary>Open-model invocations scheduled (intended starts).</summary>
    public long IntendedStarts { get; init; }

    /// <summary>Invocations that started later than <see cref="LateThreshold"/> after their intended time.</summary>
    public long LateStarts { get; init; }

    public TimeSpan LateThreshold { get; init; }

    public TimeSpan MaxLateness { get; init; }

    /// <summary>CPU time the open-model pacer thread used while measuring (it also hands each invocation to the thread pool); null when
    /// the scenario ran no paced segment or the platform cannot measure a thread's CPU time.</summary>
    public TimeSpan? PacerCpuTime { get; init; }

    /// <summary>How the open model was paced ("precise": a dedicated thread with high-resolution sleep and spin; "timer": the
    /// time provider's delays, as with a fake clock); null for a closed-model scenario.</summary>
    public string? Pacer { get; init; }
}

/// <summary>
/// Exact latency histograms (µs) and counters of a step or of a whole scenario. <see cref="Ok"/> and <see cref="Fail"/>
/// hold response time (intended start to end: what a user sees); <see cref="Service"/> the service time of the
/// successful requests (actual start to end: what the system under test took); <see cref="Wait"/> every request's
/// wait time (intended to actual start: the generator's own lag).
/// </summary>
public sealed class RawStep
{
    public required string Name { get; init; }

    public required HistogramBase Ok { get; init; }

    public required HistogramBase Fail { get; init; }

    public HistogramBase Service { get; init; } = LatencyHistogram.Create();

    public HistogramBase Wait { get; init; } = LatencyHistogram.Create();

    public long OkBytes { get; init; }

    public long FailBytes { get; init; }

    public required IReadOnlyDictionary<string, long> StatusCodes { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorKinds { get; init; }

    public required IReadOnlyList<RawStepInterval> Intervals { get; init; }
}

/// <summary>The histograms of one reporting interval; <see cref="Index"/> aligns intervals across agents.</summary>
public sealed class RawStepInterval
{
    public required int Index { get; init; }

    public required HistogramBase Ok { get; init; }

    public required HistogramBase Fail { get; init; }

    public HistogramBase Service { get; init; } = LatencyHistogram.Create();

    public HistogramBase Wait { get; init; } = LatencyHistogram.Create();
}

/// <summary>Load gauges of one reporting interval.</summary>
public sealed class RawLoadInterval
{
    public required int Index { get; init; }

    public required TimeSpan Start { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Highest number of invocations in flight at once during the interval.</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>Most closed-model copies running at any time in the interval's planned window.</summary>
    public int Copies { get; init; }

    /// <summary>Open-model starts intended in the interval's window (counted by intended, not actual, start time).</summary>
    public long IntendedStarts { get; init; }

    /// <summary>Of <see cref="IntendedStarts"/>, those that started later than the late threshold.</summary>
    public long LateStarts { get; init; }
}
