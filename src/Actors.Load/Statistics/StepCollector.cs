using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using Actors.Load.Scenarios;
using HdrHistogram;

namespace Actors.Load.Statistics;

/// <summary>
/// Thread-safe recording for one step (or a whole scenario). Latencies go into HdrHistogram recorders, which are
/// wait-free for writers; each reporting tick swaps out the interval histograms and adds them to the totals. Three
/// times per request: response (ok and fail), service (ok) and wait (all).
/// </summary>
internal sealed class StepCollector
{
    private readonly IntervalRecorder _ok = new();
    private readonly IntervalRecorder _fail = new();
    private readonly IntervalRecorder _service = new();
    private readonly IntervalRecorder _wait = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _statusCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _errorKinds = new(StringComparer.Ordinal);
    private readonly List<RawStepInterval> _intervals = [];
    private HistogramBase _okTotal = LatencyHistogram.Create();
    private HistogramBase _failTotal = LatencyHistogram.Create();
    private HistogramBase _serviceTotal = LatencyHistogram.Create();
    private HistogramBase _waitTotal = LatencyHistogram.Create();
    private long _okBytes;
    private long _failBytes;
    private long _okCount;
    private long _failCount;

    public StepCollector(string name) => Name = name;

    public string Name { get; }

    /// <summary>Live counters for the console (not used for reports, which come from histograms).</summary>
    public long OkCount => Volatile.Read(ref _okCount);

    public long FailCount => Volatile.Read(ref _failCount);

    /// <summary>Records one request: its response, service and wait times in microseconds.</summary>
    public void Record(IResponse response, long responseMicroseconds, long serviceMicroseconds, long waitMicroseconds)
    {
        var value = LatencyHistogram.Clamp(responseMicroseconds);
        _wait.RecordValue(LatencyHistogram.Clamp(waitMicroseconds));
        if (response.IsError)
        {
            _fail.RecordValue(value);
            Interlocked.Increment(ref _failCount);
            Interlocked.Add(ref _failBytes, response.SizeBytes);
            Count(_errorKinds, response.StatusCode ?? "fail");
        }
        else
        {
            _ok.RecordValue(value);
            _service.RecordValue(LatencyHistogram.Clamp(serviceMicroseconds));
            Interlocked.Increment(ref _okCount);
            Interlocked.Add(ref _okBytes, response.SizeBytes);
        }

        if (response.StatusCode is not null)
        {
            Count(_statusCodes, response.StatusCode);
        }
    }

    /// <summary>Closes the current reporting interval (called by the single reporting loop only).</summary>
    public RawStepInterval TakeInterval(int index)
    {
        var interval = new RawStepInterval
        {
            Index = index,
            Ok = _ok.Take(),
            Fail = _fail.Take(),
            Service = _service.Take(),
            Wait = _wait.Take(),
        };
        _okTotal.Add(interval.Ok);
        _failTotal.Add(interval.Fail);
        _serviceTotal.Add(interval.Service);
        _waitTotal.Add(interval.Wait);
        _intervals.Add(interval);
        return interval;
    }

    /// <summary>Forgets everything recorded so far (end of warm-up).</summary>
    public void Reset()
    {
        _ok.Take();
        _fail.Take();
        _service.Take();
        _wait.Take();
        _okTotal = LatencyHistogram.Create();
        _failTotal = LatencyHistogram.Create();
        _serviceTotal = LatencyHistogram.Create();
        _waitTotal = LatencyHistogram.Create();
        _intervals.Clear();
        _statusCodes.Clear();
        _errorKinds.Clear();
        Interlocked.Exchange(ref _okBytes, 0);
        Interlocked.Exchange(ref _failBytes, 0);
        Interlocked.Exchange(ref _okCount, 0);
        Interlocked.Exchange(ref _failCount, 0);
    }

    public RawStep ToRaw() => new()
    {
        Name = Name,
        Ok = _okTotal.Copy(),
        Fail = _failTotal.Copy(),
        Service = _serviceTotal.Copy(),
        Wait = _waitTotal.Copy(),
        OkBytes = Interlocked.Read(ref _okBytes),
        FailBytes = Interlocked.Read(ref _failBytes),
        StatusCodes = Snapshot(_statusCodes),
        ErrorKinds = Snapshot(_errorKinds),
        Intervals = [.. _intervals],
    };

    /// <summary>
    /// A recorder whose interval histograms are handed out compact (<see cref="LatencyHistogram.Compact"/>) while the
    /// full-size one goes back to the recorder for the next interval: no large-object allocation per interval.
    /// </summary>
    private sealed class IntervalRecorder
    {
        private readonly Recorder _recorder = LatencyHistogram.CreateRecorder();
        private HistogramBase? _spare;

        public void RecordValue(long value) => _recorder.RecordValue(value);

        /// <summary>Closes the interval: what was recorded since the last call, as a compact copy.</summary>
        public HistogramBase Take()
        {
            var interval = _spare is null ? _recorder.GetIntervalHistogram() : _recorder.GetIntervalHistogram(_spare);
            var compact = LatencyHistogram.Compact(interval);
            _spare = interval; // reset by the recorder when it takes it back
            return compact;
        }
    }

    private static void Count(ConcurrentDictionary<string, StrongBox<long>> counters, string key) =>
        Interlocked.Increment(ref counters.GetOrAdd(key, static _ => new StrongBox<long>()).Value);

    private static Dictionary<string, long> Snapshot(ConcurrentDictionary<string, StrongBox<long>> counters) =>
        counters.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value), StringComparer.Ordinal);
}
