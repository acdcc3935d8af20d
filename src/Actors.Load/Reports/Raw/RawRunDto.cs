using Actors.Load.Statistics;

namespace Actors.Load.Reports.Raw;

// The on-disk shape of histograms.json: RawRun with every histogram as base64 (LatencyHistogram.ToBase64).
// Field names are part of the file format: add new ones, never rename.
// Version 2 added service and wait histograms, the environment, process intervals and the pacer; version 1 files
// still load (their service and wait histograms are empty).

internal sealed record RawRunDto(string RunId, List<string> Agents, DateTimeOffset StartedUtc, double DurationSeconds,
    double ReportingIntervalSeconds, List<string>? GlobalThresholds, List<RawScenarioDto> Scenarios)
{
    public const int FormatVersion = 2;

    public int Version { get; init; } = FormatVersion;

    public RunEnvironment? Environment { get; init; }

    public List<RawProcessIntervalDto>? Process { get; init; }

    public static RawRunDto From(RawRun raw) => new(raw.RunId, [.. raw.Agents], raw.StartedUtc, raw.Duration.TotalSeconds,
        raw.ReportingInterval.TotalSeconds, [.. raw.GlobalThresholds], [.. raw.Scenarios.Select(RawScenarioDto.From)])
    {
        Environment = raw.Environment,
        Process = [.. raw.Process.Select(p => new RawProcessIntervalDto(p.Agent, p.Index, p.Start.TotalSeconds, p.Duration.TotalSeconds,
            p.GcPause.TotalMilliseconds, p.Gen0Collections, p.Gen1Collections, p.Gen2Collections, p.AllocatedBytes,
            p.ThreadPoolQueueLength, p.ThreadPoolThreads, p.CpuPercent))],
    };

    public RawRun ToRaw()
    {
        if (Version is < 1 or > FormatVersion)
        {
            throw new FormatException($"unsupported format version {Version} (this build reads 1 to {FormatVersion})");
        }

        return new RawRun
        {
            RunId = RunId,
            Agents = Agents,
            StartedUtc = StartedUtc,
            Duration = TimeSpan.FromSeconds(DurationSeconds),
            ReportingInterval = TimeSpan.FromSeconds(ReportingIntervalSeconds),
            GlobalThresholds = GlobalThresholds ?? [],
            Scenarios = [.. Scenarios.Select(s => s.ToRaw())],
            Environment = Environment,
            Process = [.. (Process ?? []).Select(p => new RawProcessInterval
            {
                Agent = p.Agent,
                Index = p.Index,
                Start = TimeSpan.FromSeconds(p.StartSeconds),
                Duration = TimeSpan.FromSeconds(p.DurationSeconds),
                GcPause = TimeSpan.FromMilliseconds(p.GcPauseMs),
                Gen0Collections = p.Gen0Collections,
                Gen1Collections = p.Gen1Collections,
                Gen2Collections = p.Gen2Collections,
                AllocatedBytes = p.AllocatedBytes,
                ThreadPoolQueueLength = p.ThreadPoolQueueLength,
                ThreadPoolThreads = p.ThreadPoolThreads,
                CpuPercent = p.CpuPercent,
            })],
        };
    }
}

internal sealed record RawProcessIntervalDto(string Agent, int Index, double StartSeconds, double DurationSeconds, double GcPauseMs,
    int Gen0Collections, int Gen1Collections, int Gen2Collections, long AllocatedBytes, long ThreadPoolQueueLength,
    int ThreadPoolThreads, double CpuPercent);

internal sealed record RawScenarioDto(string Name, double DurationSeconds, RawStepDto Global, List<RawStepDto> Steps,
    List<RawLoadIntervalDto> Intervals, List<string> Simulations, List<string> Thresholds, long IntendedStarts,
    long LateStarts, double LateThresholdMs, double MaxLatenessMs)
{
    public static RawScenarioDto From(RawScenario s) => new(s.Name, s.Duration.TotalSeconds, RawStepDto.From(s.Global),
        [.. s.Steps.Select(RawStepDto.From)],
        [.. s.Intervals.Select(i => new RawLoadIntervalDto(i.Index, i.Start.TotalSeconds, i.Duration.TotalSeconds,
            i.MaxConcurrency, i.Copies, i.IntendedStarts, i.LateStarts))],
        [.. s.Simulations], [.. s.Thresholds], s.IntendedStarts, s.LateStarts, s.LateThreshold.TotalMilliseconds,
        s.MaxLateness.TotalMilliseconds)
    {
        Pacer = s.Pacer,
        PacerCpuSeconds = s.PacerCpuTime?.TotalSeconds,
    };

    public string? Pacer { get; init; }

    public double? PacerCpuSeconds { get; init; }

    public RawScenario ToRaw() => new()
    {
        Name = Name,
        Duration = TimeSpan.FromSeconds(DurationSeconds),
        Global = Global.ToRaw(),
        Steps = [.. Steps.Select(s => s.ToRaw())],
        Intervals = [.. Intervals.Select(i => new RawLoadInterval
        {
            Index = i.Index,
            Start = TimeSpan.FromSeconds(i.StartSeconds),
            Duration = TimeSpan.FromSeconds(i.DurationSeconds),
            MaxConcurrency = i.MaxConcurrency,
            Copies = i.Copies,
            IntendedStarts = i.IntendedStarts,
            LateStarts = i.LateStarts,
        })],
        Simulations = Simulations,
        Thresholds = Thresholds,
        IntendedStarts = IntendedStarts,
        LateStarts = LateStarts,
        LateThreshold = TimeSpan.FromMilliseconds(LateThresholdMs),
        MaxLateness = TimeSpan.FromMilliseconds(MaxLatenessMs),
        Pacer = Pacer,
        PacerCpuTime = PacerCpuSeconds is { } cpu ? TimeSpan.FromSeconds(cpu) : null,
    };
}

internal sealed record RawStepDto(string Name, string Ok, string Fail, long OkBytes, long FailBytes,
    Dictionary<string, long> StatusCodes, Dictionary<string, long> ErrorKinds, List<RawStepIntervalDto> Intervals)
{
    public static RawStepDto From(RawStep s) => new(s.Name, LatencyHistogram.ToBase64(s.Ok), LatencyHistogram.ToBase64(s.Fail),
        s.OkBytes, s.FailBytes, new(s.StatusCodes), new(s.ErrorKinds),
        [.. s.Intervals.Select(i => new RawStepIntervalDto(i.Index, LatencyHistogram.ToBase64(i.Ok), LatencyHistogram.ToBase64(i.Fail))
        {
            Service = LatencyHistogram.ToBase64(i.Service),
            Wait = LatencyHistogram.ToBase64(i.Wait),
        })])
    {
        Service = LatencyHistogram.ToBase64(s.Service),
        Wait = LatencyHistogram.ToBase64(s.Wait),
    };

    /// <summary>Service time of the successful requests (absent in version 1).</summary>
    public string? Service { get; init; }

    /// <summary>Wait time of every request (absent in version 1).</summary>
    public string? Wait { get; init; }

    public RawStep ToRaw() => new()
    {
        Name = Name,
        Ok = LatencyHistogram.FromBase64(Ok),
        Fail = LatencyHistogram.FromBase64(Fail),
        Service = Decode(Service),
        Wait = Decode(Wait),
        OkBytes = OkBytes,
        FailBytes = FailBytes,
        StatusCodes = StatusCodes,
        ErrorKinds = ErrorKinds,
        Intervals = [.. Intervals.Select(i => new RawStepInterval
        {
            Index = i.Index,
            Ok = LatencyHistogram.FromBase64(i.Ok),
            Fail = LatencyHistogram.FromBase64(i.Fail),
            Service = Decode(i.Service),
            Wait = Decode(i.Wait),
        })],
    };

    internal static HdrHistogram.HistogramBase Decode(string? base64) =>
        base64 is null ? LatencyHistogram.Create() : LatencyHistogram.FromBase64(base64);
}

internal sealed record RawStepIntervalDto(int Index, string Ok, string Fail)
{
    public string? Service { get; init; }

    public string? Wait { get; init; }
}

internal sealed record RawLoadIntervalDto(int Index, double StartSeconds, double DurationSeconds, int MaxConcurrency,
    int Copies, long IntendedStarts, long LateStarts);
