namespace Actors.Load.Statistics;

/// <summary>
/// Samples the generator's own process at each reporting boundary: garbage-collection pause time and collections
/// (exclusive per generation: a gen1 collection is not also counted as gen0), bytes allocated, the thread pool's
/// queue and threads, and CPU time. Beside each interval's latency these say whether a spike was the generator's.
/// </summary>
internal sealed class ProcessSampler
{
    private readonly string _agent;
    private readonly List<RawProcessInterval> _intervals = [];
    private readonly Lock _lock = new();
    private Sample _last;
    private TimeSpan _lastBoundary;
    private bool _closed;

    public ProcessSampler(string agent)
    {
        _agent = agent;
        _last = Sample.Now();
    }

    /// <summary>Starts over (the measured phase begins): earlier activity, warm-up included, is not reported.</summary>
    public void Restart()
    {
        lock (_lock)
        {
            _intervals.Clear();
            _last = Sample.Now();
            _lastBoundary = TimeSpan.Zero;
            _closed = false;
        }
    }

    /// <summary>Closes the interval ending at <paramref name="boundary"/> (time since the measured phase began).</summary>
    public void Take(TimeSpan boundary, bool close = false)
    {
        lock (_lock)
        {
            if (_closed || boundary <= _lastBoundary)
            {
                _closed |= close;
                return;
            }

            _closed = close;
            var now = Sample.Now();
            var duration = boundary - _lastBoundary;
            var c2 = now.Gen2 - _last.Gen2;
            var c1 = now.Gen1 - _last.Gen1;
            var c0 = now.Gen0 - _last.Gen0;
            _intervals.Add(new RawProcessInterval
            {
                Agent = _agent,
                Index = _intervals.Count,
                Start = _lastBoundary,
                Duration = duration,
                GcPause = now.GcPause - _last.GcPause,
                Gen2Collections = c2,
                Gen1Collections = Math.Max(0, c1 - c2),
                Gen0Collections = Math.Max(0, c0 - c1),
                AllocatedBytes = now.Allocated - _last.Allocated,
                ThreadPoolQueueLength = now.QueueLength,
                ThreadPoolThreads = now.Threads,
                CpuPercent = 100.0 * (now.Cpu - _last.Cpu).Ticks / Math.Max(1, duration.Ticks * (double)Environment.ProcessorCount),
            });
            _last = now;
            _lastBoundary = boundary;
        }
    }

    public IReadOnlyList<RawProcessInterval> Intervals()
    {
        lock (_lock)
        {
            return [.. _intervals];
        }
    }

    private readonly record struct Sample(TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long Allocated, long QueueLength,
        int Threads, TimeSpan Cpu)
    {
        public static Sample Now() => new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1),
            GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), ThreadPool.PendingWorkItemCount, ThreadPool.ThreadCount,
            Environment.CpuUsage.TotalTime);
    }
}
