using Actors.Load.Simulations;

namespace Actors.Load.Engine;

/// <summary>
/// Runs an open-model segment: starts each invocation at its intended time from <see cref="InjectionSchedule"/>,
/// without waiting for earlier ones. When the generator falls behind (a stalled step, a starved machine) it starts
/// the overdue invocations at once, counts them as late, and their latency still runs from the intended time.
/// </summary>
internal static class InjectDriver
{
    // Timer resolution is about a millisecond; arrivals closer than this are started together instead of sleeping.
    private static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(1);

    public static async Task RunAsync(ScenarioUnit unit, LoadSimulation simulation, double previousRate, long segmentStart,
        long? deadline, Random random, CancellationToken cancellationToken)
    {
        var clock = unit.Clock;
        var batch = clock.ToTimestampDelta(Batch);
        foreach (var offset in InjectionSchedule.Arrivals(simulation, previousRate, random))
        {
            var intended = segmentStart + clock.ToTimestampDelta(offset);
            if (deadline is { } end && intended >= end)
            {
                break;
            }

            if (intended - clock.Now > batch)
            {
                await clock.DelayUntilAsync(intended, cancellationToken);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var (props, collector) = unit.Pick();
            collector.IntendedStart(clock.ToTimeSpan(intended - unit.MeasureStart), clock.ToTimeSpan(clock.Now - intended));
            var number = unit.NextInvocationNumber();
            var context = new ScenarioContext(props.Name, 0, collector, clock, cancellationToken) { InvocationNumber = number };
            _ = unit.InvokeAsync(props, collector, context, intended);
        }

        // A time-bounded segment lasts its full duration even when its last arrival came earlier.
        if (simulation.During is { } during)
        {
            var segmentEnd = segmentStart + clock.ToTimestampDelta(during);
            await clock.DelayUntilAsync(deadline is { } end ? Math.Min(end, segmentEnd) : segmentEnd, cancellationToken);
        }
    }
}
