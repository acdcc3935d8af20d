namespace Actors.Load.Engine;

/// <summary>
/// The closed model's virtual users: each copy loops the step back to back. Copies survive from one closed
/// segment to the next (as in NBomber), are added or retired as the wanted count changes, and can share an
/// iteration budget (IterationsForConstant).
/// </summary>
internal sealed class CopyPool(ScenarioUnit unit, CancellationToken cancellationToken)
{
    private const int YieldEvery = 64;
    private readonly List<Copy> _active = [];
    private readonly List<Task> _all = [];
    private int _nextInstance;

    public int Count => _active.Count;

    /// <summary>Starts or retires copies until <paramref name="copies"/> run; retired copies finish their current call.</summary>
    public void Resize(int copies, IterationBudget? budget = null)
    {
        while (_active.Count < copies)
        {
            var copy = new Copy(_nextInstance++, budget);
            copy.Task = Task.Run(() => LoopAsync(copy), CancellationToken.None);
            _active.Add(copy);
            _all.Add(copy.Task);
        }

        while (_active.Count > copies)
        {
            var last = _active[^1];
            last.Stop = true;
            _active.RemoveAt(_active.Count - 1);
        }

        unit.SetCopies(_active.Count);
    }

    /// <summary>Waits for the copies that are still running (used when a budget ends the segment).</summary>
    public Task WhenActiveFinished() => Task.WhenAll(_active.Select(c => c.Task!));

    /// <summary>Retires every copy and waits until all copies ever started have finished.</summary>
    public async Task StopAllAsync()
    {
        Resize(0);
        await Task.WhenAll(_all);
    }

    private async Task LoopAsync(Copy copy)
    {
        var clock = unit.Clock;
        var context = default(ScenarioContext);
        var synchronous = 0;
        while (!copy.Stop && !cancellationToken.IsCancellationRequested)
        {
            if (copy.Budget is { } budget && !budget.TryTake())
            {
                break;
            }

            var (props, collector) = unit.Pick();
            if (context is null || !ReferenceEquals(context.Collector, collector))
            {
                context = new ScenarioContext(props.Name, copy.Instance, collector, clock, cancellationToken);
            }

            context.InvocationNumber = unit.NextInvocationNumber();
            var invocation = unit.InvokeAsync(props, collector, context, clock.Now);
            if (invocation.IsCompleted && ++synchronous % YieldEvery == 0)
            {
                // A step that completes synchronously would otherwise hold this thread forever and starve the
                // timers that end the segment; yielding now and then costs little and keeps the run responsive.
                await Task.Yield();
            }

            await invocation;
        }
    }

    private sealed class Copy(int instance, IterationBudget? budget)
    {
        public int Instance => instance;

        public IterationBudget? Budget => budget;

        public volatile bool Stop;

        public Task? Task;
    }
}

/// <summary>A shared count of invocations left, for the iteration-bounded simulations.</summary>
internal sealed class IterationBudget(long iterations)
{
    private long _remaining = iterations;

    public bool TryTake() => Interlocked.Decrement(ref _remaining) >= 0;
}
