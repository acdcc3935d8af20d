using System.Globalization;
using Actors.Load.Statistics;

namespace Actors.Load.Console;

/// <summary>
/// Progress for logs and pipes, as k6 prints when not on a terminal: one line per scenario and reporting interval
/// (time, requests per second, response p50 and p99, failures, wait p99 and late starts), nothing redrawn.
/// </summary>
internal sealed class PlainLiveView(TextWriter output, TimeSpan reportingInterval) : ILiveView
{
    private readonly Dictionary<string, int> _printed = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task RunAsync(IReadOnlyList<LiveScenario> scenarios, Task completion) => completion;

    public void IntervalsClosed(IEnumerable<ScenarioCollector> collectors)
    {
        lock (_lock)
        {
            foreach (var collector in collectors)
            {
                var live = collector.Live;
                if (live.Index < 0 || (_printed.TryGetValue(collector.Name, out var last) && last >= live.Index))
                {
                    continue;
                }

                _printed[collector.Name] = live.Index;

                // The run's closing fragment (often a few ms while the last requests finish) would read as a drop to
                // zero; its requests are in the summary.
                if (live.Index > 0 && live.Duration < reportingInterval / 2)
                {
                    continue;
                }

                output.WriteLine(Line(collector.Name, live));
            }

            output.Flush();
        }
    }

    internal string Line(string scenario, LiveSnapshot live) => string.Create(CultureInfo.InvariantCulture,
        $"{scenario} {Clock(live.End)} rps {live.Rps:0.#} p50 {live.P50Ms:0.###} ms p99 {live.P99Ms:0.###} ms fail {live.Fail} wait.p99 {live.WaitP99Ms:0.###} ms late {live.LateStarts}{(live.Duration < reportingInterval ? $" (over {live.Duration.TotalSeconds:0.###} s)" : "")}");

    private static string Clock(TimeSpan at) => at.TotalHours >= 1
        ? at.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : at.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
