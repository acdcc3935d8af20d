using System.Diagnostics.Metrics;
using Actors.Accounts;
using Actors.Fraud;
using Actors.Telemetry;
using Actors.Users;

namespace Actors.Observability.Tests;

/// <summary>
/// The domain counters as a listener sees them: names, tags and which results count. MeterListener is
/// process-wide, so each test filters on its own instrument and compares before/after totals.
/// </summary>
public sealed class ActorsMetricsTests
{
    private static readonly Money.Money Ten = Money.Money.FromMinor(10_00, "USD");

    [Fact]
    public void Declined_authorization_counts_its_outcome_and_reason()
    {
        var result = new PostingResult("t-1", PostingKind.CardAuthorization, PostingOutcome.Declined, DeclineReason.InsufficientFunds, Ten, Ten);

        var counts = Record(() => ActorsMetrics.RecordAuthorization(result));

        Assert.Equal(1, counts.Get(ActorsMetrics.AuthorizationsName, "outcome", "declined"));
        Assert.Equal(1, counts.Get(ActorsMetrics.DeclinesName, "reason", "insufficient_funds"));
        Assert.Equal(0, counts.Get(ActorsMetrics.FraudAlertsName, "decision", "approve"));
    }

    [Fact]
    public void Approved_authorization_with_an_alert_counts_the_alert_by_decision_and_no_decline()
    {
        var result = new PostingResult("t-2", PostingKind.CardAuthorization, PostingOutcome.Applied, DeclineReason.None, Ten, Ten,
            Fraud: new FraudAssessment(600, FraudRules.None, FraudDecision.ApproveAndAlert));

        var counts = Record(() => ActorsMetrics.RecordAuthorization(result));

        Assert.Equal(1, counts.Get(ActorsMetrics.AuthorizationsName, "outcome", "approved"));
        Assert.Equal(1, counts.Get(ActorsMetrics.FraudAlertsName, "decision", "approve_and_alert"));
        Assert.Equal(0, counts.Total(ActorsMetrics.DeclinesName));
    }

    [Fact]
    public void Replayed_results_and_other_postings_are_not_counted()
    {
        var replay = new PostingResult("t-3", PostingKind.CardAuthorization, PostingOutcome.Applied, DeclineReason.None, Ten, Ten, Replayed: true);
        var deposit = new PostingResult("t-4", PostingKind.Deposit, PostingOutcome.Applied, DeclineReason.None, Ten, Ten);

        var counts = Record(() =>
        {
            ActorsMetrics.RecordAuthorization(replay);
            ActorsMetrics.RecordAuthorization(deposit);
        });

        Assert.Equal(0, counts.Total(ActorsMetrics.AuthorizationsName));
    }

    [Fact]
    public void Consent_denial_counts_by_purpose()
    {
        var counts = Record(() => ActorsMetrics.RecordConsentDenial(ConsentPurpose.BalanceView));

        Assert.Equal(1, counts.Get(ActorsMetrics.ConsentDenialsName, "purpose", "balance_view"));
    }

    /// <summary>Runs <paramref name="action"/> with a listener on the Actors meter and returns what it recorded on this thread.</summary>
    private static Measurements Record(Action action)
    {
        var measurements = new Measurements(Environment.CurrentManagedThreadId);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ActorsMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>(measurements.Add);
        listener.Start();
        action();
        return measurements;
    }

    /// <summary>Measurements of one thread only: other tests in this assembly may record at the same time.</summary>
    private sealed class Measurements(int threadId)
    {
        private readonly List<(string Instrument, string Tag, string Value, long Amount)> _items = [];

        public void Add(Instrument instrument, long amount, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            if (Environment.CurrentManagedThreadId != threadId)
            {
                return;
            }

            foreach (var tag in tags)
            {
                lock (_items)
                {
                    _items.Add((instrument.Name, tag.Key, tag.Value?.ToString() ?? "", amount));
                }
            }
        }

        public long Get(string instrument, string tag, string value)
        {
            lock (_items)
            {
                return _items.Where(i => i.Instrument == instrument && i.Tag == tag && i.Value == value).Sum(i => i.Amount);
            }
        }

        public long Total(string instrument)
        {
            lock (_items)
            {
                return _items.Where(i => i.Instrument == instrument).Sum(i => i.Amount);
            }
        }
    }
}
