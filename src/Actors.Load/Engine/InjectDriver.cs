using Actors.Load.Simulations;

namespace Actors.Load.Engine;

/// <summary>
/// Runs an open-model segment: starts each invocation at its intended time from <see cref="InjectionSchedule"/>,
/// without waiting for earlier ones. When the generator falls behind (a stalled step, a starved machine) it starts
/// the overdue invocations at once, counts them as late, and their response time still runs from the intended time.
/// On the real clock the arrivals are paced by <see cref="PrecisePacer"/> on a thread of their own; on any other
/// time provider (a fake clock in tests) by that provider's delays, arrivals within a millisecond started together.
/// </summary>
internal static class InjectDriver
{
    public const string PrecisePacerName = "precise";

    public const string TimerPacerName = "timer";

    // The thread-pool timer's resolution is about a millisecond; with it, closer arrivals start together.
    private static readonly TimeSpan TimerBatch = TimeSpan.FromMilliseconds(1);

    /// <summary>Plays the segment; returns the CPU time of the precise pacer's thread, when it ran and could be measured.</summary>
    public static async Task<TimeSpan?> RunAsync(ScenarioUnit unit, LoadSimulation simulation, double previousRate, long segmentStart,
        long? deadline, Random random, CancellationToken cancellationToken)
    {
        var clock = unit.Clock;
        if (clock.IsSystem)
        {
            return await PrecisePacer.RunOnOwnThreadAsync(unit.PacerMaxSpin, pacer => LoopAsync(unit, simulation, previousRate, segmentStart, deadline, random,
                (timestamp, token) =>
                {
                    pacer.WaitUntil(timestamp, token);
                    return ValueTask.CompletedTask;
                }, dispatch: !unit.StartOnPacerThread, cancellationToken));
        }

        var batch = clock.ToTimestampDelta(TimerBatch);
        await LoopAsync(unit, simulation, previousRate, segmentStart, deadline, random,
            (timestamp, token) => timestamp - clock.Now > batch ? new ValueTask(clock.DelayUntilAsync(timestamp, token)) : ValueTask.CompletedTask,
            dispatch: false, cancellationToken);
        return null;
    }

    private static async Task LoopAsync(ScenarioUnit unit, LoadSimulation simulation, double previousRate, long segmentStart,
        long? deadline, Random random, Func<long, CancellationToken, ValueTask> waitUntil, bool dispatch, CancellationToken cancellationToken)
    {
        var clock = unit.Clock;
        foreach (var offset in InjectionSchedule.Arrivals(simulation, previousRate, random))
        {
            var intended = segmentStart + clock.ToTimestampDelta(offset);
            if (deadline is { } end && intended >= end)
            {
                break;
            }

            await waitUntil(intended, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var (props, collector) = unit.Pick();
            collector.IntendedStart(clock.ToTimeSpan(intended - unit.MeasureStart), clock.ToTimeSpan(clock.Now - intended));
            var number = unit.NextInvocationNumber();
            var context = new ScenarioContext(props.Name, 0, collector, clock, cancellationToken) { InvocationNumber = number };
            if (dispatch)
            {
                unit.Dispatch(props, collector, context, intended); // the pacer's thread only paces (see Dispatch)
            }
            else
            {
                _ = unit.InvokeAsync(props, collector, context, intended);
            }
        }

        // A time-bounded segment lasts its full duration even when its last arrival came earlier.
        if (simulation.During is { } during)
        {
            var segmentEnd = segmentStart + clock.ToTimestampDelta(during);
            var until = deadline is { } end ? Math.Min(end, segmentEnd) : segmentEnd;

            // Not waitUntil on the timer path: that one skips waits under a millisecond (arrivals batch), and the
            // segment must last to its end exactly.
            if (clock.IsSystem)
            {
                await waitUntil(until, cancellationToken);
            }
            else
            {
                await clock.DelayUntilAsync(until, cancellationToken);
            }
        }
    }
}
