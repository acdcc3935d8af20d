using Actors.Load.Reports.Raw;
using HdrHistogram;

namespace Actors.Load.Statistics;

/// <summary>
/// Combines several agents' runs into one, exactly: histograms are added bucket by bucket (no re-sampling),
/// counters summed, intervals aligned by index. Scenarios and steps are matched by name.
/// </summary>
public static class RunMerger
{
    /// <summary>Loads each run folder (or histograms.json) and merges them.</summary>
    public static RawRun MergeFolders(IEnumerable<string> folders)
    {
        var runs = folders.Select(RawRunStore.Load).ToList();
        return Merge(runs);
    }

    public static RawRun Merge(IReadOnlyList<RawRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new LoadConfigurationException("Nothing to merge: name at least one run folder.");
        }

        var intervals = runs.Select(r => r.ReportingInterval).Distinct().ToList();
        if (intervals.Count > 1)
        {
            throw new LoadConfigurationException(
                $"Runs to merge use different reporting intervals ({string.Join(", ", intervals)}); their intervals would not align.");
        }

        return new RawRun
        {
            RunId = runs.Count == 1 ? runs[0].RunId : $"merged_{runs[0].RunId}",
            Agents = [.. runs.SelectMany(r => r.Agents)],
            StartedUtc = runs.Min(r => r.StartedUtc),
            Duration = runs.Max(r => r.Duration),
            ReportingInterval = intervals[0],
            GlobalThresholds = [.. runs.SelectMany(r => r.GlobalThresholds).Distinct(StringComparer.Ordinal)],
            Scenarios = [.. runs.SelectMany(r => r.Scenarios).GroupBy(s => s.Name).Select(g => MergeScenario([.. g]))],
            // Each agent is its own process and machine: their samples stay apart, tagged by agent.
            Environment = runs.Select(r => r.Environment).FirstOrDefault(e => e is not null),
            Process = [.. runs.SelectMany(r => r.Process)],
        };
    }

    private static RawScenario MergeScenario(List<RawScenario> parts) => new()
    {
        Name = parts[0].Name,
        Duration = parts.Max(p => p.Duration),
        Global = MergeStep([.. parts.Select(p => p.Global)]),
        Steps = [.. parts.SelectMany(p => p.Steps).GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => MergeStep([.. g]))],
        Intervals = [.. parts.SelectMany(p => p.Intervals).GroupBy(i => i.Index).OrderBy(g => g.Key).Select(g => new RawLoadInterval
        {
            Index = g.Key,
            Start = g.Min(i => i.Start),
            Duration = g.Max(i => i.Duration),
            MaxConcurrency = g.Sum(i => i.MaxConcurrency),
            Copies = g.Sum(i => i.Copies),
            IntendedStarts = g.Sum(i => i.IntendedStarts),
            LateStarts = g.Sum(i => i.LateStarts),
        })],
        Simulations = parts[0].Simulations,
        Thresholds = [.. parts.SelectMany(p => p.Thresholds).Distinct(StringComparer.Ordinal)],
        IntendedStarts = parts.Sum(p => p.IntendedStarts),
        LateStarts = parts.Sum(p => p.LateStarts),
        LateThreshold = parts[0].LateThreshold,
        MaxLateness = parts.Max(p => p.MaxLateness),
        Pacer = parts.Select(p => p.Pacer).FirstOrDefault(p => p is not null),
        PacerCpuTime = parts.All(p => p.PacerCpuTime is null) ? null : parts.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.PacerCpuTime ?? TimeSpan.Zero)),
    };

    private static RawStep MergeStep(List<RawStep> parts) => new()
    {
        Name = parts[0].Name,
        Ok = LatencyHistogram.Sum(parts.Select(p => p.Ok)),
        Fail = LatencyHistogram.Sum(parts.Select(p => p.Fail)),
        Service = LatencyHistogram.Sum(parts.Select(p => p.Service)),
        Wait = LatencyHistogram.Sum(parts.Select(p => p.Wait)),
        OkBytes = parts.Sum(p => p.OkBytes),
        FailBytes = parts.Sum(p => p.FailBytes),
        StatusCodes = SumCounts(parts.Select(p => p.StatusCodes)),
        ErrorKinds = SumCounts(parts.Select(p => p.ErrorKinds)),
        Intervals = [.. parts.SelectMany(p => p.Intervals).GroupBy(i => i.Index).OrderBy(g => g.Key).Select(g => new RawStepInterval
        {
            Index = g.Key,
            Ok = LatencyHistogram.Sum(g.Select(i => i.Ok)),
            Fail = LatencyHistogram.Sum(g.Select(i => i.Fail)),
            Service = LatencyHistogram.Sum(g.Select(i => i.Service)),
            Wait = LatencyHistogram.Sum(g.Select(i => i.Wait)),
        })],
    };

    private static Dictionary<string, long> SumCounts(IEnumerable<IReadOnlyDictionary<string, long>> counts)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in counts.SelectMany(c => c))
        {
            sum[key] = sum.GetValueOrDefault(key) + value;
        }

        return sum;
    }

    /// <summary>True when two histograms hold exactly the same counts in every bucket.</summary>
    public static bool AreEqual(HistogramBase a, HistogramBase b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.TotalCount != b.TotalCount)
        {
            return false;
        }

        var left = a.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo));
        var right = b.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo));
        return left.SequenceEqual(right);
    }
}
