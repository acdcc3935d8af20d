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
    private long _intendedStarts;
    private long _lateStarts;
    private long _maxLatenessTicks;
    private long _intervalIntended;
    private long _intervalLate;
    private TimeSpan _lastBoundary;
    private readonly Lock _intervalLock = new();

    public ScenarioCollector(string name, TimeSpan lateThreshold)
    {
        Name = name;
        LateThreshold = lateThreshold;
        Global = new StepCollector(name);
    }

    public string Name { get; }

    public TimeSpan LateThreshold { get; }

    public StepCollector Global { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Copies => Volatile.Read(ref _copies);

    public long LateStarts => Interlocked.Read(ref _lateStarts);

    public StepCollector Step(string name) => _steps.GetOrAdd(name, static n => new StepCollector(n));

    public void SetCopies(int copies) => Volatile.Write(ref _copies, copies);

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

    /// <summary>Counts an open-model start and whether it came later than the tolerance after its intended time.</summary>
    public void IntendedStart(TimeSpan lateness)
    {
        Interlocked.Increment(ref _intendedStarts);
        Interlocked.Increment(ref _intervalIntended);
        if (lateness <= LateThreshold)
        {
            return;
        }

        Interlocked.Increment(ref _lateStarts);
        Interlocked.Increment(ref _intervalLate);
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
                Copies = Copies,
                IntendedStarts = Interlocked.Exchange(ref _intervalIntended, 0),
                LateStarts = Interlocked.Exchange(ref _intervalLate, 0),
            });
            _lastBoundary = elapsed;
            var count = global.Ok.TotalCount + global.Fail.TotalCount;
            Live = new LiveSnapshot(count / duration.TotalSeconds, global.Ok.TotalCount == 0 ? 0 : global.Ok.GetValueAtPercentile(99) / 1000.0);
        }
    }

    /// <summary>Drops warm-up measurements; in-flight and copies gauges stay as they are.</summary>
    public void Reset()
    {
        Global.Reset();
        foreach (var step in _steps.Values)
        {
            step.Reset();
        }

        _intervals.Clear();
        _lastBoundary = TimeSpan.Zero;
        IsClosed = false;
        Interlocked.Exchange(ref _maxInFlight, Volatile.Read(ref _inFlight));
        Interlocked.Exchange(ref _intendedStarts, 0);
        Interlocked.Exchange(ref _lateStarts, 0);
        Interlocked.Exchange(ref _maxLatenessTicks, 0);
        Interlocked.Exchange(ref _intervalIntended, 0);
        Interlocked.Exchange(ref _intervalLate, 0);
    }

    public RawScenario ToRaw(TimeSpan duration, IReadOnlyList<string> simulations, IReadOnlyList<string> thresholds) => new()
    {
        Name = Name,
        Duration = duration,
        Global = Global.ToRaw(),
        Steps = [.. _steps.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => s.ToRaw())],
        Intervals = [.. _intervals],
        Simulations = simulations,
        Thresholds = thresholds,
        IntendedStarts = Interlocked.Read(ref _intendedStarts),
        LateStarts = LateStarts,
        LateThreshold = LateThreshold,
        MaxLateness = TimeSpan.FromTicks(Interlocked.Read(ref _maxLatenessTicks)),
    };
}

/// <summary>What the live console shows for a scenario: the last interval's throughput and p99.</summary>
internal sealed record LiveSnapshot(double Rps, double P99Ms)
{
    public static readonly LiveSnapshot Empty = new(0, 0);
}
