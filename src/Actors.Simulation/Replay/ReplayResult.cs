using Actors.Simulation.Traffic;

namespace Actors.Simulation.Replay;

/// <summary>
/// Everything a replay did, counted: outcome per event type, decline reasons, failure kinds (with a
/// few examples), and per fraud label the card decisions, so fraud detection can be scored against
/// ground truth. Thread-safe while the replay records into it.
/// </summary>
public sealed class ReplayResult
{
    private const int MaxExamples = 20;
    private readonly object _lock = new();
    private readonly long[,] _byType = new long[TraceNames.AllEventTypes.Count + 1, 4];
    private readonly long[,] _cardsByLabel = new long[TraceNames.AllFraudLabels.Count, 4];
    private readonly SortedDictionary<string, long> _declineReasons = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly List<string> _failureExamples = [];
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Card decisions against the trace's fraud labels (precision, recall, F1).</summary>
    public Fraud.FraudScoreboard Fraud { get; } = new();

    public long Applied => Count(ReplayOutcome.Applied);

    public long Declined => Count(ReplayOutcome.Declined);

    public long Failed => Count(ReplayOutcome.Failed);

    public long Skipped => Count(ReplayOutcome.Skipped);

    public TimeSpan Elapsed { get; internal set; }

    public IReadOnlyDictionary<string, long> DeclineReasons
    {
        get
        {
            lock (_lock)
            {
                return new SortedDictionary<string, long>(_declineReasons, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Failures per error kind (the domain error or exception type).</summary>
    public IReadOnlyDictionary<string, long> Failures
    {
        get
        {
            lock (_lock)
            {
                return new SortedDictionary<string, long>(_failures, StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyList<string> FailureExamples
    {
        get
        {
            lock (_lock)
            {
                return _failureExamples.ToArray();
            }
        }
    }

    public long Count(ReplayOutcome outcome)
    {
        lock (_lock)
        {
            long sum = 0;
            for (var t = 0; t < _byType.GetLength(0); t++)
            {
                sum += _byType[t, (int)outcome];
            }

            return sum;
        }
    }

    public long Count(EventType type, ReplayOutcome outcome)
    {
        lock (_lock)
        {
            return _byType[(int)type, (int)outcome];
        }
    }

    /// <summary>Card authorizations of a fraud label that ended with this outcome (Applied = approved).</summary>
    public long Cards(FraudLabel label, ReplayOutcome outcome)
    {
        lock (_lock)
        {
            return _cardsByLabel[(int)label, (int)outcome];
        }
    }

    internal void Record(in TraceEvent e, EventOutcome outcome)
    {
        lock (_lock)
        {
            _byType[(int)e.Type, (int)outcome.Outcome]++;
            if (e.Type == EventType.CardAuthorization)
            {
                _cardsByLabel[(int)e.Fraud, (int)outcome.Outcome]++;
                Fraud.Record(e.Fraud, outcome.Card ?? Actors.Simulation.Fraud.CardDecision.Failed, e.Episode, e.UserId);
            }

            if (outcome.Outcome == ReplayOutcome.Declined)
            {
                Increment(_declineReasons, outcome.Detail ?? "unspecified");
            }
            else if (outcome.Outcome == ReplayOutcome.Failed)
            {
                var detail = outcome.Detail ?? "unknown error";
                var kind = detail.Split(':', 2)[0];
                Increment(_failures, kind);
                if (_failureExamples.Count < MaxExamples)
                {
                    _failureExamples.Add($"seq {e.Seq} ({TraceNames.Of(e.Type)}): {detail}");
                }
            }
        }

        Interlocked.Increment(ref _total);
    }

    private static void Increment(SortedDictionary<string, long> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
