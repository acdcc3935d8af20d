using Actors.Load.Statistics;
using HdrHistogram;

namespace Actors.Load.Tests;

/// <summary>Builds raw runs from known samples, so statistics and thresholds are checked on exact inputs.</summary>
internal static class RawRuns
{
    public static HistogramBase Histogram(IEnumerable<long> microseconds)
    {
        var histogram = LatencyHistogram.Create();
        foreach (var value in microseconds)
        {
            histogram.RecordValue(value);
        }

        return histogram;
    }

    /// <summary>One scenario, one interval; service and wait histograms stay empty unless their samples are given.</summary>
    public static RawRun Single(string scenario, IEnumerable<long> okMicroseconds, int failures, IReadOnlyList<string> thresholds,
        string agent = "1/1", IEnumerable<long>? serviceMicroseconds = null, IEnumerable<long>? waitMicroseconds = null)
    {
        var ok = Histogram(okMicroseconds);
        var fail = Histogram(Enumerable.Repeat(1000L, failures));
        var service = Histogram(serviceMicroseconds ?? []);
        var wait = Histogram(waitMicroseconds ?? []);
        var step = new RawStep
        {
            Name = scenario,
            Ok = ok,
            Fail = fail,
            Service = service,
            Wait = wait,
            StatusCodes = new Dictionary<string, long> { ["200"] = ok.TotalCount },
            ErrorKinds = failures > 0 ? new Dictionary<string, long> { ["timeout"] = failures } : new Dictionary<string, long>(),
            Intervals = [new RawStepInterval { Index = 0, Ok = ok.Copy(), Fail = fail.Copy(), Service = service.Copy(), Wait = wait.Copy() }],
        };
        return new RawRun
        {
            RunId = "test_run",
            Agents = [agent],
            StartedUtc = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromSeconds(10),
            ReportingInterval = TimeSpan.FromSeconds(10),
            Scenarios =
            [
                new RawScenario
                {
                    Name = scenario,
                    Duration = TimeSpan.FromSeconds(10),
                    Global = step,
                    Steps = [],
                    Intervals = [new RawLoadInterval { Index = 0, Start = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(10), MaxConcurrency = 3, Copies = 3 }],
                    Simulations = ["KeepConstant(copies: 3, during: 10s)"],
                    Thresholds = thresholds,
                },
            ],
        };
    }

    /// <summary>The samples of one reporting interval of a step, in µs.</summary>
    public sealed record IntervalSamples(long[] Response, long[] Service, long[] Wait, long[] Failed);

    public const string DetailedScenario = "card_authorization";

    public const string DetailedStep = "authorize";

    /// <summary>
    /// A run with everything the reports show: 1 s reporting interval, three full intervals and a 3 ms trailing
    /// fragment; a named step beside the global one; response, service and wait samples (interval 2 spikes to 80 ms);
    /// failures with a status code and an error kind; bytes; an open-model load with intended and late starts; the
    /// generator's process per interval; the environment; the precise pacer; thresholds, some breached.
    /// </summary>
    public static RawRun Detailed(string agent = "1/1", string thresholds = "p99<50ms,service.p99<40ms,wait.p99<1ms,rps>=90", int seed = 0)
    {
        var global = DetailedSamples(seed);
        var starts = new[] { 0.0, 1.0, 2.0, 3.0 };
        var durations = new[] { 1.0, 1.0, 1.0, 0.003 };
        return new RawRun
        {
            RunId = "detailed_run",
            Agents = [agent],
            StartedUtc = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromSeconds(3.003),
            ReportingInterval = TimeSpan.FromSeconds(1),
            Environment = new RunEnvironment
            {
                Machine = "bench-01",
                Cores = 8,
                Os = "Linux 6.8",
                Runtime = ".NET 10.0.0 X64",
                Build = "Actors.LoadTests 1.2.3+abc",
                Configuration = "Release",
                ServerGc = true,
                CommandLine = "loadtests run --rate 100",
                GitCommit = "0123456789abcdef0123456789abcdef01234567",
            },
            Process = [.. Enumerable.Range(0, 4).Select(i => new RawProcessInterval
            {
                Agent = agent,
                Index = i,
                Start = TimeSpan.FromSeconds(starts[i]),
                Duration = TimeSpan.FromSeconds(durations[i]),
                GcPause = TimeSpan.FromMilliseconds(i == 2 ? 35 : 1),
                Gen0Collections = 3,
                Gen1Collections = 1,
                Gen2Collections = i == 2 ? 1 : 0,
                AllocatedBytes = 50_000_000,
                ThreadPoolQueueLength = i == 2 ? 40 : 2,
                ThreadPoolThreads = 12,
                CpuPercent = 20 + (10 * i),
            })],
            Scenarios =
            [
                new RawScenario
                {
                    Name = DetailedScenario,
                    Duration = TimeSpan.FromSeconds(3.003),
                    Global = Step(DetailedScenario, global),
                    Steps = [Step(DetailedStep, [.. global.Select(g => g with { Response = [.. g.Response.Select(v => v * 8 / 10)] })])],
                    Intervals = [.. Enumerable.Range(0, 4).Select(i => new RawLoadInterval
                    {
                        Index = i,
                        Start = TimeSpan.FromSeconds(starts[i]),
                        Duration = TimeSpan.FromSeconds(durations[i]),
                        MaxConcurrency = 3 + i,
                        IntendedStarts = global[i].Wait.Length,
                        LateStarts = i == 2 ? 5 : 0,
                    })],
                    Simulations = ["Inject(rate: 100, interval: 1s, during: 3s)"],
                    Thresholds = [thresholds],
                    IntendedStarts = global.Sum(g => g.Wait.Length),
                    LateStarts = 5,
                    LateThreshold = TimeSpan.FromMilliseconds(1),
                    MaxLateness = TimeSpan.FromMilliseconds(6),
                    Pacer = "precise",
                    PacerCpuTime = TimeSpan.FromSeconds(0.15),
                },
            ],
        };
    }

    /// <summary>The global step's samples of <see cref="Detailed"/> per interval (the named step's response is 0.8 of them).</summary>
    public static List<IntervalSamples> DetailedSamples(int seed = 0) =>
    [
        Samples(100, baseMs: 10, spikeMs: 0, failed: 2, seed: (10 * seed) + 1),
        Samples(100, baseMs: 12, spikeMs: 0, failed: 0, seed: (10 * seed) + 2),
        Samples(100, baseMs: 15, spikeMs: 80, failed: 4, seed: (10 * seed) + 3),
        Samples(1, baseMs: 10, spikeMs: 0, failed: 0, seed: (10 * seed) + 4),
    ];

    /// <summary>
    /// Deterministic samples: response = service + wait; service around <paramref name="baseMs"/>, its last 5 % at
    /// <paramref name="spikeMs"/> when that is set; wait mostly tens of µs, a few ms for the late starts.
    /// </summary>
    public static IntervalSamples Samples(int count, double baseMs, double spikeMs, int failed, int seed)
    {
        var random = new Random(seed);
        var service = Enumerable.Range(0, count).Select(i => (long)((spikeMs > 0 && i >= count * 95 / 100 ? spikeMs : baseMs + random.NextDouble()) * 1000)).ToArray();
        var wait = Enumerable.Range(0, count + failed).Select(i => i % 20 == 19 ? 3_000L + random.Next(3_000) : 20L + random.Next(60)).ToArray();
        var response = service.Select((s, i) => s + wait[i]).ToArray();
        var failures = Enumerable.Range(0, failed).Select(_ => 30_000L + random.Next(1_000)).ToArray();
        return new IntervalSamples(response, service, wait, failures);
    }

    public static RawStep Step(string name, IReadOnlyList<IntervalSamples> intervals)
    {
        var steps = intervals.Select((s, i) => new RawStepInterval
        {
            Index = i,
            Ok = Histogram(s.Response),
            Fail = Histogram(s.Failed),
            Service = Histogram(s.Service),
            Wait = Histogram(s.Wait),
        }).ToList();
        var ok = intervals.Sum(s => (long)s.Response.Length);
        var failed = intervals.Sum(s => (long)s.Failed.Length);
        return new RawStep
        {
            Name = name,
            Ok = LatencyHistogram.Sum(steps.Select(s => s.Ok)),
            Fail = LatencyHistogram.Sum(steps.Select(s => s.Fail)),
            Service = LatencyHistogram.Sum(steps.Select(s => s.Service)),
            Wait = LatencyHistogram.Sum(steps.Select(s => s.Wait)),
            OkBytes = 64 * ok,
            FailBytes = 16 * failed,
            StatusCodes = failed > 0 ? new Dictionary<string, long> { ["200"] = ok, ["503"] = failed } : new Dictionary<string, long> { ["200"] = ok },
            ErrorKinds = failed > 0 ? new Dictionary<string, long> { ["timeout"] = failed } : new Dictionary<string, long>(),
            Intervals = steps,
        };
    }
}
