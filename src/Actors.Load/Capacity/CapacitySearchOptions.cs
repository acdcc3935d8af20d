namespace Actors.Load.Capacity;

/// <summary>How a capacity search raises the rate. Checked by <see cref="CapacitySearchOptionsValidator"/>.</summary>
public sealed record CapacitySearchOptions
{
    /// <summary>First injection rate (requests per second). Default 100.</summary>
    public int StartRate { get; init; } = 100;

    /// <summary>Multiply the rate by this after each passing step (default 1.5). Set 0 to use <see cref="Step"/>.</summary>
    public double Factor { get; init; } = 1.5;

    /// <summary>Add this to the rate after each passing step (used when <see cref="Factor"/> is 0).</summary>
    public int Step { get; init; }

    /// <summary>How long each rate is held at least. Default 10 s (longer at low rates: <see cref="MinSamplesPerStep"/>).</summary>
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Requests a step measures at least, so that its p99 rests on enough samples (the 1 % tail of 10,000 requests is
    /// 100 of them; of 1,000 only 10, and one slow request moves it): a step lasts <c>MinSamplesPerStep / rate</c>
    /// seconds when that is longer than <see cref="StepDuration"/>, up to <see cref="MaxStepDuration"/>. Default 10,000;
    /// 0 to hold every rate for <see cref="StepDuration"/> only.
    /// </summary>
    public int MinSamplesPerStep { get; init; } = 10_000;

    /// <summary>The longest a step may be made to reach <see cref="MinSamplesPerStep"/>. Default 60 s.</summary>
    public TimeSpan MaxStepDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Measure a step that broke the SLO once more, at the same rate and warmed up, before taking it as the breaking
    /// point: one stall of a shared machine (a long GC pause, a neighbour's burst) otherwise ends the search and the
    /// answer swings between runs. The first attempt stays in the report, marked as retried. Default true.
    /// </summary>
    public bool RetryBrokenStep { get; init; } = true;

    /// <summary>
    /// An interval in which the generator's process paused for GC at least this long in all is flagged as a stall.
    /// Default null: the SLO's smallest latency limit (50 ms for <c>p99&lt;50ms</c>; 50 ms when the SLO has none), the
    /// pause that alone could break it.
    /// </summary>
    public TimeSpan? StallGcPause { get; init; }

    /// <summary>
    /// An interval whose wait p99 (the generator's lag in starting requests) reaches this is flagged as a stall. Default
    /// null: half the SLO's smallest latency limit (25 ms for <c>p99&lt;50ms</c>; 10 ms when the SLO has none). A lower
    /// value flags the ordinary young-generation pauses of a shared process in nearly every interval.
    /// </summary>
    public TimeSpan? StallWait { get; init; }

    /// <summary>
    /// CPU seconds used so far by everything a step loads (the generator's process, silo processes, a store), read
    /// before and after each step to give the cores the step used (<see cref="CapacityStep.CpuCores"/>); null: not
    /// measured. The capacity model derives the CPU a request costs from it.
    /// </summary>
    public Func<double>? CpuSeconds { get; init; }

    /// <summary>The GC pause and wait from which an interval counts as a stall, after the SLO-derived defaults.</summary>
    public (TimeSpan GcPause, TimeSpan Wait) StallLimits()
    {
        var limit = Thresholds.ThresholdParser.Parse(Slo).Where(t => t.IsLatency && t.Value > 0).Select(t => t.Value).DefaultIfEmpty().Min();
        var gc = StallGcPause ?? (limit > 0 ? TimeSpan.FromMilliseconds(limit) : TimeSpan.FromMilliseconds(50));
        var wait = StallWait ?? (limit > 0 ? TimeSpan.FromMilliseconds(limit / 2) : TimeSpan.FromMilliseconds(10));
        return (gc, wait);
    }

    /// <summary>
    /// After the first failing step, halve the gap between the highest passing and the lowest failing rate this many
    /// times (each a step of its own), so the answer is not only as fine as the growth factor. Default 3 (with the
    /// default factor 1.5: within ~6 % of the breaking point instead of 50 %; with 2, two searches of the same target
    /// could already differ by a 12.5 % cell); 0 for none, at most 10.
    /// </summary>
    public int RefineSteps { get; init; } = 3;

    /// <summary>
    /// Measure the answer once more, warmed up, before reporting it: a rate that passed once by luck (the machine fast
    /// for that step, the breaking point's p99 on the edge) is otherwise the answer of that search only, and repeated
    /// searches disagree by a whole growth step. When the confirmation breaks, the next lower passing rate is
    /// confirmed instead, up to this many times; an answer no confirmation held is reported as unconfirmed. Default 2;
    /// 0 for none, at most 5.
    /// </summary>
    public int ConfirmSteps { get; init; } = 2;

    /// <summary>The search stops (passing) at this rate. Default 1,000,000.</summary>
    public int MaxRate { get; init; } = 1_000_000;

    /// <summary>The SLO, e.g. "p99&lt;50ms,fail&lt;0.1%"; a step passes when all hold.</summary>
    public string Slo { get; init; } = "p99<50ms,fail<0.1%";

    /// <summary>A step also fails when it achieved less than this share of the target rate (the target could not
    /// even be offered or completed). Default 0.9.</summary>
    public double MinAchievedRatio { get; init; } = 0.9;

    /// <summary>
    /// Load at <see cref="StartRate"/> before the first step, not measured (activations, first stream registrations,
    /// JIT), so the first step judges the target warm like the others; and before each refinement step at its rate,
    /// so that it judges a target settled at that rate, not one still draining the overloaded step before it.
    /// Default 5 s; zero for none. It repeats the step's injection, so it lasts at most <see cref="StepDuration"/>.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reporting interval inside each step. Default 1 s.</summary>
    public TimeSpan ReportingInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a step at <paramref name="rate"/> lasts (see <see cref="MinSamplesPerStep"/>).</summary>
    public TimeSpan StepDurationFor(int rate)
    {
        if (MinSamplesPerStep <= 0 || rate <= 0)
        {
            return StepDuration;
        }

        var needed = TimeSpan.FromSeconds(Math.Ceiling(10.0 * MinSamplesPerStep / rate) / 10);
        return needed <= StepDuration ? StepDuration : needed < MaxStepDuration ? needed : MaxStepDuration;
    }

    /// <summary>The rate after <paramref name="rate"/>; always at least one more.</summary>
    public int Next(int rate) =>
        (int)Math.Min(MaxRate, Factor > 0 ? Math.Max(rate + 1, Math.Ceiling(rate * Factor)) : (long)rate + Step);
}
