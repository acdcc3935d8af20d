using Actors.Accounts;

namespace Actors.Web.Living;

/// <summary>
/// Per-second counters of what the world did, for the live charts: authorizations, declines by reason,
/// fraud alerts, consent denials and notification latency. A ring of <see cref="Seconds"/> buckets keyed by
/// the wall-clock second; all methods are thread-safe (one small lock: tens of updates per second).
/// </summary>
public sealed class WorldMetrics(TimeProvider time)
{
    public const int Seconds = 60;

    private readonly Lock _lock = new();
    private readonly Bucket[] _buckets = Enumerable.Range(0, Seconds).Select(_ => new Bucket()).ToArray();
    private long _authorizations;
    private long _alerts;
    private long _denials;
    private readonly Dictionary<string, long> _declines = new(StringComparer.Ordinal);

    public void Authorization(PostingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            var bucket = Current();
            bucket.Authorizations++;
            _authorizations++;
            if (!result.Approved)
            {
                var reason = ReasonName(result.Reason);
                bucket.Declines[reason] = bucket.Declines.GetValueOrDefault(reason) + 1;
                _declines[reason] = _declines.GetValueOrDefault(reason) + 1;
            }

            if (result.Fraud.Alerted)
            {
                bucket.Alerts++;
                _alerts++;
            }
        }
    }

    public void ConsentDenied()
    {
        lock (_lock)
        {
            Current().Denials++;
            _denials++;
        }
    }

    public void NotificationLatency(TimeSpan latency)
    {
        lock (_lock)
        {
            var bucket = Current();
            bucket.LatencyTotalMs += latency.TotalMilliseconds;
            bucket.LatencySamples++;
        }
    }

    /// <summary>The last <see cref="Seconds"/> seconds, oldest first, and the totals since start.</summary>
    public WorldSeries Snapshot()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            var points = new List<SecondPoint>(Seconds);
            for (var s = now - Seconds + 1; s <= now; s++)
            {
                var bucket = _buckets[(int)(s % Seconds)];
                points.Add(bucket.Second == s
                    ? new SecondPoint(s, bucket.Authorizations, new Dictionary<string, long>(bucket.Declines, StringComparer.Ordinal), bucket.Alerts, bucket.Denials,
                        bucket.LatencySamples == 0 ? null : Math.Round(bucket.LatencyTotalMs / bucket.LatencySamples, 1))
                    : new SecondPoint(s, 0, new Dictionary<string, long>(StringComparer.Ordinal), 0, 0, null));
            }

            return new WorldSeries(points, _authorizations, new Dictionary<string, long>(_declines, StringComparer.Ordinal), _alerts, _denials);
        }
    }

    public static string ReasonName(DeclineReason reason) => Simulation.Replay.EventApplier.ReasonName(reason);

    private Bucket Current()
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var bucket = _buckets[(int)(second % Seconds)];
        if (bucket.Second != second)
        {
            bucket.Reset(second);
        }

        return bucket;
    }

    private sealed class Bucket
    {
        public long Second { get; private set; } = -1;
        public long Authorizations { get; set; }
        public Dictionary<string, long> Declines { get; } = new(StringComparer.Ordinal);
        public long Alerts { get; set; }
        public long Denials { get; set; }
        public double LatencyTotalMs { get; set; }
        public long LatencySamples { get; set; }

        public void Reset(long second)
        {
            Second = second;
            Authorizations = Alerts = Denials = LatencySamples = 0;
            LatencyTotalMs = 0;
            Declines.Clear();
        }
    }
}

/// <summary>One second of the world: counts, declines by reason and the mean notification latency (null: none measured).</summary>
public sealed record SecondPoint(long Second, long Authorizations, IReadOnlyDictionary<string, long> Declines, long Alerts, long ConsentDenials, double? LatencyMs);

public sealed record WorldSeries(IReadOnlyList<SecondPoint> Points, long Authorizations, IReadOnlyDictionary<string, long> Declines, long Alerts, long ConsentDenials);
