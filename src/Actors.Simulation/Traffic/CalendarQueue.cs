namespace Actors.Simulation.Traffic;

/// <summary>
/// Timers (one per user and purpose) sorted into one-minute buckets by intrusive linked lists:
/// memory is two arrays over the timers plus one head per minute of the period, whatever the number
/// of events. The generator drains one bucket at a time and orders it by (time, timer).
/// </summary>
internal sealed class CalendarQueue
{
    public const long BucketMs = 60_000;
    private readonly long _startMs;
    private readonly long[] _time;
    private readonly int[] _next;
    private readonly int[] _head;

    public CalendarQueue(int timers, long startMs, long endMs)
    {
        _startMs = startMs;
        _time = new long[timers];
        _next = new int[timers];
        _head = new int[(int)((endMs - startMs + BucketMs - 1) / BucketMs)];
        Array.Fill(_head, -1);
    }

    public int Buckets => _head.Length;

    public long BucketStart(int bucket) => _startMs + bucket * BucketMs;

    public long TimeOf(int timer) => _time[timer];

    /// <summary>Files a timer under the minute of <paramref name="timeMs"/>; times past the period are dropped.</summary>
    public void Schedule(int timer, long timeMs)
    {
        if (timeMs == long.MaxValue)
        {
            return;
        }

        var bucket = (int)((timeMs - _startMs) / BucketMs);
        if ((uint)bucket >= (uint)_head.Length)
        {
            return;
        }

        _time[timer] = timeMs;
        _next[timer] = _head[bucket];
        _head[bucket] = timer;
    }

    /// <summary>Moves a bucket's timers into <paramref name="into"/>, keyed by (time within the minute, timer id).</summary>
    public void Drain(int bucket, PriorityQueue<int, ulong> into)
    {
        var start = BucketStart(bucket);
        for (var timer = _head[bucket]; timer >= 0; timer = _next[timer])
        {
            into.Enqueue(timer, Key(_time[timer] - start, timer));
        }

        _head[bucket] = -1;
    }

    public static ulong Key(long offsetInBucketMs, int timer) => ((ulong)offsetInBucketMs << 32) | (uint)timer;
}
