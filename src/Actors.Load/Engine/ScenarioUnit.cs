using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;

namespace Actors.Load.Engine;

/// <summary>
/// What one load shape drives: a single scenario, or a group of weighted scenarios sharing the load of the first
/// one, where each invocation picks a member with probability weight / total weight. Owns the invocation path.
/// </summary>
internal sealed class ScenarioUnit
{
    private readonly Member[] _members;
    private readonly int _totalWeight;
    private readonly RunClock _clock;
    private int _pending;
    private TaskCompletionSource? _drained;
    private long _invocations;

    public ScenarioUnit(IReadOnlyList<(ScenarioProps Props, ScenarioCollector Collector)> members, RunClock clock)
    {
        _members = [.. members.Select(m => new Member(m.Props, m.Collector, m.Props.Weight))];
        _totalWeight = _members.Sum(m => Math.Max(m.Weight, 0));
        _clock = clock;
        MeasureStart = clock.Now;
        Leader = members[0].Props;
    }

    public ScenarioProps Leader { get; }

    public IReadOnlyList<LoadSimulation> Simulations => Leader.LoadSimulations;

    public IEnumerable<ScenarioCollector> Collectors => _members.Select(m => m.Collector);

    public RunClock Clock => _clock;

    /// <summary>The longest the precise pacer spins before an arrival (<see cref="LoadRunOptions.PacerMaxSpin"/>).</summary>
    public TimeSpan PacerMaxSpin { get; init; } = LoadRunOptions.DefaultPacerMaxSpin;

    /// <summary>Whether the precise pacer starts invocations on its own thread (<see cref="LoadRunOptions.StartOnPacerThread"/>).</summary>
    public bool StartOnPacerThread { get; init; }

    public long NextInvocationNumber() => Interlocked.Increment(ref _invocations) - 1;

    /// <summary>When the measured phase began (the copies gauge is timed from it); until then, the unit's creation.</summary>
    public long MeasureStart { get; set; }

    public void SetCopies(int copies)
    {
        var at = _clock.Elapsed(MeasureStart);
        foreach (var member in _members)
        {
            member.Collector.SetCopies(copies, at);
        }
    }

    /// <summary>Notes that an open-model segment ran with <paramref name="pacer"/>, and the CPU its thread used.</summary>
    public void PacedSegment(string pacer, TimeSpan? cpu)
    {
        foreach (var member in _members)
        {
            member.Collector.Paced(pacer, cpu);
        }
    }

    /// <summary>Chooses the member for the next invocation.</summary>
    public (ScenarioProps Props, ScenarioCollector Collector) Pick()
    {
        if (_members.Length == 1)
        {
            return (_members[0].Props, _members[0].Collector);
        }

        var ticket = Random.Shared.Next(_totalWeight);
        foreach (var member in _members)
        {
            ticket -= member.Weight;
            if (ticket < 0)
            {
                return (member.Props, member.Collector);
            }
        }

        return (_members[^1].Props, _members[^1].Collector);
    }

    /// <summary>
    /// Runs one invocation and records its three times: response from the earlier of the intended and the actual start
    /// (a late start, generator or target stalled, counts against the target: no coordinated omission), service from the
    /// actual start, and wait, the gap between the two.
    /// </summary>
    public Task InvokeAsync(ScenarioProps props, ScenarioCollector collector, ScenarioContext context, long intendedStart)
    {
        Interlocked.Increment(ref _pending);
        return RunAsync(props, collector, context, intendedStart);
    }

    /// <summary>
    /// Starts an invocation on a thread-pool thread (counted in flight from now, so a drain cannot miss it). For the
    /// precise pacer: an invocation started on its thread completes on a pool thread, and libraries that pool per
    /// thread (Orleans' response completion sources) then rent on one thread and return on another; the pacer's
    /// thread never got one back, so every call allocated a new one that a pool thread's stack kept for good: a
    /// young object stored into an old array per request (65,000 of them after 25 s at 2,000/s), which the next
    /// young collection had to find through the card table and promote. The time the pool takes to start it counts
    /// as wait.
    /// </summary>
    public void Dispatch(ScenarioProps props, ScenarioCollector collector, ScenarioContext context, long intendedStart)
    {
        Interlocked.Increment(ref _pending);
        ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.Unit.RunAsync(s.Props, s.Collector, s.Context, s.IntendedStart),
            (Unit: this, Props: props, Collector: collector, Context: context, IntendedStart: intendedStart), preferLocal: false);
    }

    private async Task RunAsync(ScenarioProps props, ScenarioCollector collector, ScenarioContext context, long intendedStart)
    {
        collector.InvocationStarted();
        try
        {
            var start = _clock.Now;
            var from = Math.Min(start, intendedStart);
            var wait = _clock.ToMicroseconds(start - from);
            context.WaitMicroseconds = wait;
            IResponse? response;
            try
            {
                response = await props.Run(context) ?? Response.Fail("null_response");
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                response = null; // cut off by the end of the run: neither ok nor failed
            }
            catch (Exception ex)
            {
                response = Response.Fail(ex.GetType().Name, ex.Message);
            }

            if (response is not null)
            {
                var end = _clock.Now;
                collector.Global.Record(response, _clock.ToMicroseconds(end - from), _clock.ToMicroseconds(end - start), wait);
            }
        }
        finally
        {
            collector.InvocationFinished();
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                Volatile.Read(ref _drained)?.TrySetResult();
            }
        }
    }

    /// <summary>Completes when no invocation is in flight (called once scheduling has stopped).</summary>
    public Task DrainAsync()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);
        if (Volatile.Read(ref _pending) == 0)
        {
            drained.TrySetResult();
        }

        return drained.Task;
    }

    private sealed record Member(ScenarioProps Props, ScenarioCollector Collector, int Weight);
}
