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

    public static RawRun Single(string scenario, IEnumerable<long> okMicroseconds, int failures, IReadOnlyList<string> thresholds,
        string agent = "1/1")
    {
        var ok = Histogram(okMicroseconds);
        var fail = Histogram(Enumerable.Repeat(1000L, failures));
        var step = new RawStep
        {
            Name = scenario,
            Ok = ok,
            Fail = fail,
            StatusCodes = new Dictionary<string, long> { ["200"] = ok.TotalCount },
            ErrorKinds = failures > 0 ? new Dictionary<string, long> { ["timeout"] = failures } : new Dictionary<string, long>(),
            Intervals = [new RawStepInterval { Index = 0, Ok = ok.Copy(), Fail = fail.Copy() }],
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
}
