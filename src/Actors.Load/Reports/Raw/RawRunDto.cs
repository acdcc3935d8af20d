using Actors.Load.Statistics;

namespace Actors.Load.Reports.Raw;

// The on-disk shape of histograms.json: RawRun with every histogram as base64 (LatencyHistogram.ToBase64).
// Field names are part of the file format: add new ones, never rename.

internal sealed record RawRunDto(string RunId, List<string> Agents, DateTimeOffset StartedUtc, double DurationSeconds,
    double ReportingIntervalSeconds, List<string>? GlobalThresholds, List<RawScenarioDto> Scenarios)
{
    public const int FormatVersion = 1;

    public int Version { get; init; } = FormatVersion;

    public static RawRunDto From(RawRun raw) => new(raw.RunId, [.. raw.Agents], raw.StartedUtc, raw.Duration.TotalSeconds,
        raw.ReportingInterval.TotalSeconds, [.. raw.GlobalThresholds], [.. raw.Scenarios.Select(RawScenarioDto.From)]);

    public RawRun ToRaw()
    {
        if (Version != FormatVersion)
        {
            throw new FormatException($"unsupported format version {Version} (expected {FormatVersion})");
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
        };
    }
}

internal sealed record RawScenarioDto(string Name, double DurationSeconds, RawStepDto Global, List<RawStepDto> Steps,
    List<RawLoadIntervalDto> Intervals, List<string> Simulations, List<string> Thresholds, long IntendedStarts,
    long LateStarts, double LateThresholdMs, double MaxLatenessMs)
{
    public static RawScenarioDto From(RawScenario s) => new(s.Name, s.Duration.TotalSeconds, RawStepDto.From(s.Global),
        [.. s.Steps.Select(RawStepDto.From)],
        [.. s.Intervals.Select(i => new RawLoadIntervalDto(i.Index, i.Start.TotalSeconds, i.Duration.TotalSeconds,
            i.MaxConcurrency, i.Copies, i.IntendedStarts, i.LateStarts))],
        [.. s.Simulations], [.. s.Thresholds], s.IntendedStarts, s.LateStarts, s.LateThreshold.TotalMilliseconds,
        s.MaxLateness.TotalMilliseconds);

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
    };
}

internal sealed record RawStepDto(string Name, string Ok, string Fail, long OkBytes, long FailBytes,
    Dictionary<string, long> StatusCodes, Dictionary<string, long> ErrorKinds, List<RawStepIntervalDto> Intervals)
{
    public static RawStepDto From(RawStep s) => new(s.Name, LatencyHistogram.ToBase64(s.Ok), LatencyHistogram.ToBase64(s.Fail),
        s.OkBytes, s.FailBytes, new(s.StatusCodes), new(s.ErrorKinds),
        [.. s.Intervals.Select(i => new RawStepIntervalDto(i.Index, LatencyHistogram.ToBase64(i.Ok), LatencyHistogram.ToBase64(i.Fail)))]);

    public RawStep ToRaw() => new()
    {
        Name = Name,
        Ok = LatencyHistogram.FromBase64(Ok),
        Fail = LatencyHistogram.FromBase64(Fail),
        OkBytes = OkBytes,
        FailBytes = FailBytes,
        StatusCodes = StatusCodes,
        ErrorKinds = ErrorKinds,
        Intervals = [.. Intervals.Select(i => new RawStepInterval
        {
            Index = i.Index,
            Ok = LatencyHistogram.FromBase64(i.Ok),
            Fail = LatencyHistogram.FromBase64(i.Fail),
        })],
    };
}

internal sealed record RawStepIntervalDto(int Index, string Ok, string Fail);

internal sealed record RawLoadIntervalDto(int Index, double StartSeconds, double DurationSeconds, int MaxConcurrency,
    int Copies, long IntendedStarts, long LateStarts);
