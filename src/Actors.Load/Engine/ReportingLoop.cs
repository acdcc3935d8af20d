using Actors.Load.Statistics;

namespace Actors.Load.Engine;

/// <summary>Closes a reporting interval on every collector, and samples the process, each <c>interval</c> until stopped.</summary>
internal static class ReportingLoop
{
    public static async Task RunAsync(IReadOnlyList<ScenarioCollector> collectors, ProcessSampler process, RunClock clock, long start,
        TimeSpan interval, Action<TimeSpan>? intervalClosed, CancellationToken stop)
    {
        for (var boundary = interval; !stop.IsCancellationRequested; boundary += interval)
        {
            await clock.DelayUntilAsync(start + clock.ToTimestampDelta(boundary), stop);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            process.Take(boundary);
            foreach (var collector in collectors)
            {
                // Boundaries are the planned ones, not "now": intervals stay aligned across agents for merging.
                collector.TakeInterval(boundary);
            }

            intervalClosed?.Invoke(boundary);
        }
    }
}
