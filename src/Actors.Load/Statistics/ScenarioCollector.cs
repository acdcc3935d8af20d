using System.Collections.Concurrent;
using Actors.Load.Scenarios;

namespace Actors.Load.Statistics;

/// <summary>
/// All measurements of one scenario while it runs: the whole-invocation collector, one per named step, and the
/// load gauges (in-flight concurrency, copies, intended and late starts) that show the achieved load profile.
/// </summary>
internal sealed class ScenarioCollector
{
    private readonly ConcurrentDictionary<string, StepCollector> _steps = new(StringComparer.Ordinal);
    private readonly List<RawLoadInterval> _intervals = [];
    private int _inFlight;
    private int _maxInFlight;
    private int _copies;
    private int _copiesAtWindowStart;
    private readonly List<(TimeSpan At, int Copies)> _copyChanges = [];
    private long _intendedStarts;
    private long _lateStarts;
    private long _maxLatenessTicks;
    private readonly IntendedStartCounts _byIntendedTime;
    private readonly TimeSpan _reportingInterval;
    private TimeSpan _lastBoundary;
    private readonly Lock _intervalLock = new();
    private long _lateAtLastInterval;
    private string? _pacer;
    private TimeSpan? _pacerCpu;

    public ScenarioCollector(string name, TimeSpan lateThreshold, TimeSpan reportingInterval)
    {
        Name = name;
        LateThreshold = lateThreshold;
        _reportingInterval = reportingInterval;
        _byIntendedTime = new IntendedStartCounts(reportingInterval);
        Global = new StepCollector(name);
    }

    public string Name { get; }

    public TimeSpan LateThreshold { get; }

    public StepCollector Global { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Copies => Volatile.Read(ref _copies);

    public long LateStarts => Interlocked.Read(ref _lateStarts);

    public StepCollector Step(string name) => _steps.GetOrAdd(name, static n => new StepCollector(n));

    /// <summary>
    /// Sets the copies gauge at <paramref name="at"/> (time since the measured phase began). Each interval reports the
    /// most copies in effect during its planned window, by these times rather than by when the interval is taken, so
    /// a reporting timer that fires late (after the run retired its copies, say) still reports what the window ran.
    /// </summary>
    public void SetCopies(int copies, TimeSpan at)
    {
        lock (_intervalLock)
        {
            if (copies == _copies)
            {
                return;
            }

            Volatile.Write(ref _copies, copies);
            _copyChanges.Add((at, copies));
        }
    }

    public void InvocationStarted()
    {
        var now = Interlocked.Increment(ref _inFlight);
        var max = Volatile.Read(ref _maxInFlight);
        while (now > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxInFlight, now, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public void InvocationFinished() => Interlocked.Decrement(ref _inFlight);

    /// <summary>
    /// Counts an open-model start and whether it came later than the tolerance after its intended time. Per interval
    /// the start counts where it was intended (<paramref name="intendedAt"/>, time since the measured phase began), not
    /// where it happened to start, so the reported rate profile is the planned one however late the generator runs.
    /// </summary>
    public void IntendedStart(TimeSpan intendedAt, TimeSpan lateness)
    {
        Interlocked.Increment(ref _intendedStarts);
        var late = lateness > LateThreshold;
        _byIntendedTime.Count(intendedAt, late);
        if (!late)
        {
            return;
        }

        Interlocked.Increment(ref _lateStarts);
        var ticks = lateness.Ticks;
        var max = Interlocked.Read(ref _maxLatenessTicks);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxLatenessTicks, ticks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>Adds a paced segment's pacer kind and CPU time (null: not measurable on this platform).</summary>
    public void Paced(string pacer, TimeSpan? cpu)
    {
        lock (_intervalLock)
        {
            _pacer = pacer;
            _pacerCpu = cpu is { } c ? (_pacerCpu ?? TimeSpan.Zero) + c : _pacerCpu;
        }
    }

    /// <summary>The latest closed interval, for the live console.</summary>
    public LiveSnapshot Live { get; private set; } = LiveSnapshot.Empty;

    public bool IsClosed { get; private set; }

    /// <summary>
    /// Closes the reporting interval that ends at <paramref name="elapsed"/> (time since the measured phase began)
    /// for the scenario and all its steps. Called by the reporting loop and, once, by the scenario when it ends.
    /// </summary>
    public void TakeInterval(TimeSpan elapsed, bool close = false)
    {
        lock (_intervalLock)
        {
            if (IsClosed)
            {
                return;
            }

            // A reporting timer that fell behind must not merge planned intervals into the final one: the boundaries
            // it has not taken yet are taken first, so a run always has one interval per planned boundary it passed.
            while (close && _lastBoundary + _reportingInterval < elapsed)
            {
                TakeOne(_lastBoundary + _reportingInterval, close: false);
            }

            TakeOne(elapsed, close);
        }
    }

    private void TakeOne(TimeSpan elapsed, bool close)
    {
        IsClosed = close;
        var duration = elapsed - _lastBoundary;
        if (duration <= TimeSpan.Zero)
        {
            if (!close)
            {
                return;
            }

            // The reporting loop closed a planned boundary a moment after this scenario measured its end:
            // the final interval is still taken (tiny) so that nothing recorded since is lost.
            duration = TimeSpan.FromTicks(1);
            elapsed = _lastBoundary + duration;
        }

        var index = _intervals.Count;
        var global = Global.TakeInterval(index);
        foreach (var step in _steps.Values)
        {
            step.TakeInterval(index);
        }

        _intervals.Add(new RawLoadInterval
        {
            Index = index,
            Start = _lastBoundary,
            Duration = duration,
            MaxConcurrency = Interlocked.Exchange(ref _maxInFlight, Volatile.Read(ref _inFlight)),
            Copies = TakeWindowCopies(elapsed, close),
        });
        _lastBoundary = elapsed;
        var count = global.Ok.TotalCount + global.Fail.TotalCount;
        var late = LateStarts;
        Live = new LiveSnapshot(index, elapsed, duration, count / duration.TotalSeconds, Percentile(global.Ok, 50), Percentile(global.Ok, 99),
            global.Fail.TotalCount, Percentile(global.Wait, 99), late - _lateAtLastInterval);
        _lateAtLastInterval = late;
    }

    private static double Percentile(HdrHistogram.HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    // The most copies in effect during the window ending at `end`; changes after it stay for the next window.
    private int TakeWindowCopies(TimeSpan end, bool close)
    {
        var max = _copiesAtWindowStart;
        var taken = 0;
        foreach (var (at, copies) in _copyChanges)
        {
            if (at > end && !close)
            {
                break;
            }

            max = Math.Max(max, copies);
            _copiesAtWindowStart = copies;
            taken++;
        }

        _copyChanges.RemoveRange(0, taken);
        return max;
    }

    /// <summary>Drops warm-up measurements; in-flight and copies gauges stay as they are.</summary>
    public void Reset()
    {
        Global.Reset();
        foreach (var step in _steps.Values)
        {
            step.Reset();
        }

        lock (_intervalLock)
        {
            _copyChanges.Clear();
            _copiesAtWindowStart = Copies;
            _pacer = null;
            _pacerCpu = null;
        }

        _intervals.Clear();
        _lastBoundary = TimeSpan.Zero;
        IsClosed = false;
        Interlocked.Exchange(ref _maxInFlight, Volatile.Read(ref _inFlight));
        Interlocked.Exchange(ref _intendedStarts, 0);
        Interlocked.Exchange(ref _lateStarts, 0);
        _lateAtLastInterval = 0;
        Interlocked.Exchange(ref _maxLatenessTicks, 0);
        _byIntendedTime.Clear();
    }

    public RawScenario ToRaw(TimeSpan duration, IReadOnlyList<string> simulations, IReadOnlyList<string> thresholds) => new()
    {
        Name = Name,
        Duration = duration,
        Global = Global.ToRaw(),
        Steps = [.. _steps.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => s.ToRaw())],
        Intervals = WithIntendedStarts(),
        Simulations = simulations,
        Thresholds = thresholds,
        IntendedStarts = Interlocked.Read(ref _intendedStarts),
        LateStarts = LateStarts,
        LateThreshold = LateThreshold,
        MaxLateness = TimeSpan.FromTicks(Interlocked.Read(ref _maxLatenessTicks)),
        Pacer = _pacer,
        PacerCpuTime = _pacerCpu,
    };

    // Interval i owns the counting buckets from its start up to the next interval's start (the last one owns the rest),
    // so every intended start is reported in exactly one interval.
    private List<RawLoadInterval> WithIntendedStarts()
    {
        var result = new List<RawLoadInterval>(_intervals.Count);
        for (var i = 0; i < _intervals.Count; i++)
        {
            var from = _byIntendedTime.Bucket(_intervals[i].Start);
            int? to = i + 1 < _intervals.Count ? _byIntendedTime.Bucket(_intervals[i + 1].Start) : null;
            var (intended, late) = _byIntendedTime.Sum(from, to);
            var interval = _intervals[i];
            result.Add(new RawLoadInterval
            {
                Index = interval.Index, Start = interval.Start, Duration = interval.Duration,
                MaxConcurrency = interval.MaxConcurrency, Copies = interval.Copies, IntendedStarts = intended, LateStarts = late,
            });
        }

        return result;
    }
}

/// <summary>
/// What the console shows for a scenario: the last closed interval (index, end and length, throughput, response p50 and
/// p99 of its successful requests, failures, wait p99, starts later than the late threshold).
/// </summary>
internal sealed record LiveSnapshot(int Index, TimeSpan End, TimeSpan Duration, double Rps, double P50Ms, double P99Ms, long Fail,
    double WaitP99Ms, long LateStarts)
{
    public static readonly LiveSnapshot Empty = new(-1, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, 0, 0, 0);
}
