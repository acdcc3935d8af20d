using System.Diagnostics.Metrics;
using Actors.Domain;
using Actors.Telemetry;
using Actors.Tests.Support;
using Actors.Users;

namespace Actors.Tests.Cluster;

/// <summary>
/// Partner reads through the user grain's gateway side: the answer carries the consent decision the
/// audit log recorded, and consent denials are counted whoever asked (partner or Messenger).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UserPartnerGrainTests(ClusterFixture fixture)
{
    private const string Bank = "CHASE";
    private const string Partner = "bench";

    [Fact]
    public async Task Partner_read_answers_with_the_audited_decision_even_when_the_consent_expires_during_the_read()
    {
        var customer = await Customer.Create(fixture.Grains, Bank, balanceMinor: 2_500);
        var gateway = fixture.Grains.GetGrain<IUserGatewayGrain>(customer.UserId);
        await gateway.LinkPartner(Partner);
        var decidedAt = fixture.Time.GetUtcNow();
        await customer.User.GrantConsent(Bank, ConsentPurpose.BalanceView, decidedAt.AddMinutes(1), Customer.SelfActor);

        // Every reading of the grains' clock now moves it a minute on: the read decides at decidedAt, while the
        // consent is in force, and any later reading (the audit entry's time, for one) is at or past its expiry.
        PartnerRead<MessengerAccountBalance> read;
        fixture.Time.AutoAdvanceAmount = TimeSpan.FromMinutes(1);
        try
        {
            read = await gateway.ReadBalance(Partner, Bank);
        }
        finally
        {
            fixture.Time.AutoAdvanceAmount = TimeSpan.Zero;
        }

        Assert.Equal(MessengerReadStatus.Ok, read.Status);
        Assert.Equal(new ConsentDecision(Bank, ConsentPurpose.BalanceView, ConsentStatus.Granted, decidedAt), read.Consent);
        Assert.Equal(new MessengerAccountBalance(customer.AccountId, Amounts.Usd(2_500)), Assert.Single(read.Items));
        var audited = Assert.Single(await customer.User.GetAuditLog(), e => e.Actor == PartnerRules.Actor(Partner) && e.Action == AuditAction.Access);
        Assert.Equal((AuditOutcome.Allowed, ConsentPurpose.BalanceView), (audited.Outcome, audited.Purpose ?? default));
    }

    [Fact]
    public async Task Partner_read_without_consent_is_counted_once_as_a_consent_denial_like_a_messenger_read()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        var gateway = fixture.Grains.GetGrain<IUserGatewayGrain>(customer.UserId);
        await gateway.LinkPartner(Partner);
        using var denials = new ConsentDenialCounter();

        var balance = await gateway.ReadBalance(Partner, Bank);
        var afterPartnerBalance = denials.Count("balance_view");
        var alerts = await gateway.ReadAlerts(Partner, Bank);
        var messenger = await customer.User.GetBalanceForMessenger(Bank, Customer.MessengerActor);

        Assert.Equal(MessengerReadStatus.ConsentRequired, balance.Status);
        Assert.Equal(MessengerReadStatus.ConsentRequired, alerts.Status);
        Assert.Equal(MessengerReadStatus.ConsentRequired, messenger.Status);
        Assert.Equal(1, afterPartnerBalance);
        Assert.Equal(1, denials.Count("fraud_alerts"));
        Assert.Equal(2, denials.Count("balance_view")); // the Messenger's read counted once, not at two places
    }

    [Fact]
    public async Task Partner_read_with_consent_counts_no_denial()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        var gateway = fixture.Grains.GetGrain<IUserGatewayGrain>(customer.UserId);
        await gateway.LinkPartner(Partner);
        await customer.User.GrantConsent(Bank, ConsentPurpose.TransactionNotifications, null, Customer.SelfActor);
        using var denials = new ConsentDenialCounter();

        var read = await gateway.ReadTransactions(Partner, Bank, 10);

        Assert.Equal(MessengerReadStatus.Ok, read.Status);
        Assert.Equal(0, denials.Total);
    }

    /// <summary>
    /// Counts <see cref="ActorsMetrics.ConsentDenialsName"/> by purpose while it lives. The silo is in this process,
    /// so the grains' recordings reach the listener (on silo threads); the cluster's tests run one at a time, so
    /// what it counts is the running test's.
    /// </summary>
    private sealed class ConsentDenialCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _byPurpose = new(StringComparer.Ordinal);

        public ConsentDenialCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ActorsMetrics.MeterName && instrument.Name == ActorsMetrics.ConsentDenialsName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>(OnMeasurement);
            _listener.Start();
        }

        public long Total
        {
            get
            {
                lock (_byPurpose)
                {
                    return _byPurpose.Values.Sum();
                }
            }
        }

        public long Count(string purpose)
        {
            lock (_byPurpose)
            {
                return _byPurpose.GetValueOrDefault(purpose);
            }
        }

        public void Dispose() => _listener.Dispose();

        private void OnMeasurement(Instrument instrument, long amount, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            var purpose = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "purpose")
                {
                    purpose = tag.Value?.ToString() ?? "";
                }
            }

            lock (_byPurpose)
            {
                _byPurpose[purpose] = _byPurpose.GetValueOrDefault(purpose) + amount;
            }
        }
    }
}
