using Actors.Load.Simulations;

namespace Actors.Load.Engine;

/// <summary>
/// Plays a unit's load simulations one after the other. Ramps start from where the previous segment ended;
/// an optional deadline cuts the timeline short (warm-up). Returns when every started invocation has finished.
/// </summary>
internal static class ScenarioExecutor
{
    // How often a RampingConstant re-computes its wanted copies at most; ramps rarely need finer steps.
    private static readonly TimeSpan RampTick = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(ScenarioUnit unit, TimeSpan? limit, int seed, CancellationToken cancellationToken)
    {
        var clock = unit.Clock;
        var random = new Random(seed);
        var pool = new CopyPool(unit, cancellationToken);
        var start = clock.Now;
        long? deadline = limit is { } l ? start + clock.ToTimestampDelta(l) : null;
        double rate = 0;
        var copies = 0;
        try
        {
            foreach (var simulation in unit.Simulations)
            {
                if (cancellationToken.IsCancellationRequested || (deadline is { } d && clock.Now >= d))
                {
                    break;
                }

                var segmentStart = clock.Now;
                await RunSegmentAsync(unit, pool, simulation, rate, copies, segmentStart, deadline, random, cancellationToken);
                rate = InjectionSchedule.EndRate(simulation, rate);
                copies = CopiesSchedule.EndCopies(simulation);
            }
        }
        finally
        {
            await pool.StopAllAsync();
            await unit.DrainAsync();
            unit.SetCopies(0);
        }
    }

    private static async Task RunSegmentAsync(ScenarioUnit unit, CopyPool pool, LoadSimulation simulation, double rate,
        int copies, long segmentStart, long? deadline, Random random, CancellationToken cancellationToken)
    {
        var clock = unit.Clock;
        long? segmentEnd = simulation.During is { } during ? segmentStart + clock.ToTimestampDelta(during) : null;
        var end = (segmentEnd, deadline) switch
        {
            ({ } s, { } d) => Math.Min(s, d),
            ({ } s, null) => s,
            (null, { } d) => d,
            _ => (long?)null,
        };

        switch (simulation)
        {
            case { IsOpenModel: true }:
                pool.Resize(0);
                var cpu = await InjectDriver.RunAsync(unit, simulation, rate, segmentStart, deadline, random, cancellationToken);
                unit.PacedSegment(clock.IsSystem ? InjectDriver.PrecisePacerName : InjectDriver.TimerPacerName, cpu);
                break;
            case IterationsForConstantSimulation s:
                await pool.StopAllAsync();
                pool.Resize(s.Copies, new IterationBudget(s.Iterations));
                await WaitForBudgetAsync(pool, clock, deadline, cancellationToken);
                break;
            case RampingConstantSimulation s:
                await RampAsync(pool, clock, s, copies, segmentStart, end!.Value, cancellationToken);
                break;
            default: // KeepConstant and Pause
                pool.Resize(CopiesSchedule.EndCopies(simulation));
                await clock.DelayUntilAsync(end!.Value, cancellationToken);
                break;
        }
    }

    private static async Task RampAsync(CopyPool pool, RunClock clock, RampingConstantSimulation simulation, int from,
        long segmentStart, long end, CancellationToken cancellationToken)
    {
        var tick = clock.ToTimestampDelta(RampTick);
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.Now;
            pool.Resize(CopiesSchedule.CopiesAt(simulation, from, clock.ToTimeSpan(now - segmentStart)));
            if (now >= end)
            {
                break;
            }

            await clock.DelayUntilAsync(Math.Min(now + tick, end), cancellationToken);
        }
    }

    private static async Task WaitForBudgetAsync(CopyPool pool, RunClock clock, long? deadline, CancellationToken cancellationToken)
    {
        var finished = pool.WhenActiveFinished();
        if (deadline is { } d)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timeout = clock.DelayUntilAsync(d, stop.Token);
            await Task.WhenAny(finished, timeout);
            await stop.CancelAsync();
        }
        else
        {
            await finished;
        }

        pool.Resize(0);
    }
}
