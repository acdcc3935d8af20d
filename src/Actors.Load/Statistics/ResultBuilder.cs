using Actors.Load.Thresholds;
using HdrHistogram;

namespace Actors.Load.Statistics;

/// <summary>Derives the report-ready <see cref="RunResult"/> from a <see cref="RawRun"/>, thresholds included.</summary>
public static class ResultBuilder
{
    public static RunResult Build(RawRun raw, string? reportFolder = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var global = raw.GlobalThresholds.SelectMany(ThresholdParser.Parse).ToList();
        var scenarios = raw.Scenarios.Select(s => BuildScenario(s, raw.ReportingInterval)).ToList();
        var verdicts = new List<ThresholdResult>();
        var process = raw.Process.Select(p => new ProcessIntervalResult
        {
            Agent = p.Agent,
            Index = p.Index,
            StartSeconds = p.Start.TotalSeconds,
            DurationSeconds = p.Duration.TotalSeconds,
            GcPauseMs = p.GcPause.TotalMilliseconds,
            Gen0Collections = p.Gen0Collections,
            Gen1Collections = p.Gen1Collections,
            Gen2Collections = p.Gen2Collections,
            AllocatedBytes = p.AllocatedBytes,
            ThreadPoolQueueLength = p.ThreadPoolQueueLength,
            ThreadPoolThreads = p.ThreadPoolThreads,
            CpuPercent = p.CpuPercent,
        }).ToList();
        var attribution = new List<string>();
        foreach (var (rawScenario, scenario) in raw.Scenarios.Zip(scenarios))
        {
            var own = rawScenario.Thresholds.SelectMany(ThresholdParser.Parse);
            foreach (var threshold in own.Concat(global))
            {
                var verdict = ThresholdEvaluator.Evaluate(scenario, threshold);
                verdicts.Add(verdict);
                if (!verdict.Passed && threshold.IsLatency && Attribution.Explain(scenario, threshold, process) is { } why)
                {
                    attribution.Add(why);
                }
            }
        }

        return new RunResult
        {
            RunId = raw.RunId,
            Agents = raw.Agents,
            StartedUtc = raw.StartedUtc,
            DurationSeconds = raw.Duration.TotalSeconds,
            ReportingIntervalSeconds = raw.ReportingInterval.TotalSeconds,
            Scenarios = scenarios,
            Thresholds = verdicts,
            ReportFolder = reportFolder,
            Environment = raw.Environment,
            Process = process,
            Attribution = attribution,
        };
    }

    public static LatencyResult Latency(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return LatencyResult.Empty;
        }

        return new LatencyResult
        {
            Count = histogram.TotalCount,
            MinMs = Ms(histogram.LowestEquivalentValue(histogram.RecordedValues().First().ValueIteratedTo)),
            MeanMs = histogram.GetMean() / 1000.0,
            MaxMs = Ms(histogram.GetMaxValue()),
            StdDevMs = histogram.GetStdDeviation() / 1000.0,
            P50Ms = Ms(histogram.GetValueAtPercentile(50)),
            P75Ms = Ms(histogram.GetValueAtPercentile(75)),
            P95Ms = Ms(histogram.GetValueAtPercentile(95)),
            P99Ms = Ms(histogram.GetValueAtPercentile(99)),
            P999Ms = Ms(histogram.GetValueAtPercentile(99.9)),
        };
    }

    private static double Ms(long microseconds) => microseconds / 1000.0;

    /// <summary>The percentiles of the spectrum in reports: HdrHistogram's usual ticks, finer in the tail.</summary>
    public static readonly IReadOnlyList<double> SpectrumPercentiles =
        [0, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100];

    private static List<PercentilePoint> Spectrum(RawStep raw)
    {
        if (raw.Ok.TotalCount + raw.Wait.TotalCount == 0)
        {
            return [];
        }

        double At(HistogramBase h, double p) => h.TotalCount == 0 ? 0 : Ms(p <= 0 ? h.LowestEquivalentValue(h.RecordedValues().First().ValueIteratedTo) : h.GetValueAtPercentile(p));
        return [.. SpectrumPercentiles.Select(p => new PercentilePoint(p, At(raw.Ok, p), At(raw.Service, p), At(raw.Wait, p)))];
    }

    private static ScenarioResult BuildScenario(RawScenario raw, TimeSpan interval) => new()
    {
        Name = raw.Name,
        DurationSeconds = raw.Duration.TotalSeconds,
        Simulations = raw.Simulations,
        Global = BuildStep(raw.Global, raw.Duration, raw.Intervals, interval),
        Steps = [.. raw.Steps.Select(s => BuildStep(s, raw.Duration, raw.Intervals, interval))],
        Load = [.. raw.Intervals.Select(i => new LoadIntervalResult
        {
            Index = i.Index,
            StartSeconds = i.Start.TotalSeconds,
            DurationSeconds = i.Duration.TotalSeconds,
            MaxConcurrency = i.MaxConcurrency,
            Copies = i.Copies,
            IntendedStarts = i.IntendedStarts,
            LateStarts = i.LateStarts,
        })],
        Lag = new LagResult
        {
            IntendedStarts = raw.IntendedStarts,
            LateStarts = raw.LateStarts,
            LateThresholdMs = raw.LateThreshold.TotalMilliseconds,
            MaxLatenessMs = raw.MaxLateness.TotalMilliseconds,
        },
        Pacer = raw.Pacer,
        PacerCpuSeconds = raw.PacerCpuTime?.TotalSeconds,
        PacerCpuPercentOfCore = raw.PacerCpuTime is { } cpu && raw.Duration > TimeSpan.Zero ? 100.0 * cpu / raw.Duration : null,
    };

    private static StepResult BuildStep(RawStep raw, TimeSpan duration, IReadOnlyList<RawLoadInterval> load, TimeSpan interval)
    {
        var seconds = Math.Max(duration.TotalSeconds, 1e-9);
        var total = raw.Ok.TotalCount + raw.Fail.TotalCount;
        var byIndex = load.ToDictionary(i => i.Index);
        return new StepResult
        {
            Name = raw.Name,
            Ok = Measure(raw.Ok, raw.OkBytes, seconds),
            Fail = Measure(raw.Fail, raw.FailBytes, seconds),
            Service = Latency(raw.Service),
            Wait = Latency(raw.Wait),
            Distribution = Spectrum(raw),
            Rps = total / seconds,
            FailPercent = total == 0 ? 0 : 100.0 * raw.Fail.TotalCount / total,
            StatusCodes = Entries(raw.StatusCodes),
            ErrorKinds = Entries(raw.ErrorKinds),
            Intervals = [.. raw.Intervals.Select(i =>
            {
                var span = byIndex.TryGetValue(i.Index, out var l) ? l.Duration : interval;
                var start = byIndex.TryGetValue(i.Index, out var s) ? s.Start : interval * i.Index;
                return new IntervalResult
                {
                    Index = i.Index,
                    StartSeconds = start.TotalSeconds,
                    DurationSeconds = span.TotalSeconds,
                    OkCount = i.Ok.TotalCount,
                    FailCount = i.Fail.TotalCount,
                    Rps = (i.Ok.TotalCount + i.Fail.TotalCount) / Math.Max(span.TotalSeconds, 1e-9),
                    OkLatency = Latency(i.Ok),
                    ServiceLatency = Latency(i.Service),
                    WaitLatency = Latency(i.Wait),
                };
            })],
        };
    }

    private static MeasureResult Measure(HistogramBase histogram, long bytes, double seconds) => new()
    {
        Count = histogram.TotalCount,
        Rps = histogram.TotalCount / seconds,
        Bytes = bytes,
        Latency = Latency(histogram),
    };

    private static List<CountEntry> Entries(IReadOnlyDictionary<string, long> counts) =>
        [.. counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new CountEntry(p.Key, p.Value))];
}
