using Actors.Simulation.Traffic;

namespace Actors.Simulation.Trace;

/// <summary>Counts of a trace's events per type and per fraud label (what <c>inspect</c> shows).</summary>
public sealed class TraceCounts
{
    private readonly long[] _byType = new long[TraceNames.AllEventTypes.Count + 1];
    private readonly long[] _byLabel = new long[TraceNames.AllFraudLabels.Count];
    private readonly long[] _cardsByLabel = new long[TraceNames.AllFraudLabels.Count];
    private readonly long[] _chargebacksByLabel = new long[TraceNames.AllFraudLabels.Count];

    public long Total { get; private set; }

    public long FirstTimeMs { get; private set; } = long.MaxValue;

    public long LastTimeMs { get; private set; } = long.MinValue;

    public void Add(in TraceEvent e)
    {
        Total++;
        _byType[(int)e.Type]++;
        _byLabel[(int)e.Fraud]++;
        if (e.Type == EventType.CardAuthorization)
        {
            _cardsByLabel[(int)e.Fraud]++;
        }
        else if (e.Type == EventType.Chargeback)
        {
            _chargebacksByLabel[(int)e.Fraud]++;
        }

        FirstTimeMs = Math.Min(FirstTimeMs, e.TimeMs);
        LastTimeMs = Math.Max(LastTimeMs, e.TimeMs);
    }

    public long Of(EventType type) => _byType[(int)type];

    public long Of(FraudLabel label) => _byLabel[(int)label];

    public long CardsOf(FraudLabel label) => _cardsByLabel[(int)label];

    /// <summary>Chargebacks whose disputed payment carries this ground truth (<c>none</c>: friendly fraud, label noise).</summary>
    public long ChargebacksOf(FraudLabel label) => _chargebacksByLabel[(int)label];

    /// <summary>Share of fraud card payments that a chargeback reported before the trace ends.</summary>
    public double ReportedFraudShare
    {
        get
        {
            var fraud = Of(EventType.CardAuthorization) - CardsOf(FraudLabel.None);
            return fraud == 0 ? 0 : (double)(Of(EventType.Chargeback) - ChargebacksOf(FraudLabel.None)) / fraud;
        }
    }

    /// <summary>Share of card authorizations that carry a fraud label.</summary>
    public double CardFraudRate
    {
        get
        {
            var cards = Of(EventType.CardAuthorization);
            return cards == 0 ? 0 : (double)(cards - CardsOf(FraudLabel.None)) / cards;
        }
    }

    public static async Task<TraceCounts> OfAsync(IAsyncEnumerable<TraceEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var counts = new TraceCounts();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            counts.Add(e);
        }

        return counts;
    }
}
