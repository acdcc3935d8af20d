using Actors.Accounts;
using Actors.Fraud;
using Actors.Users;
using Actors.Web.Living;
using Actors.Web.Views;
using Cash = Actors.Money.Money;

namespace Actors.Web.Tests;

/// <summary>The view models the browser shows, built from grain answers without a cluster.</summary>
public sealed class ViewMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Demarco Bayer", "DB")]
    [InlineData("María del Carmen Verdugo", "MV")]
    [InlineData("cher", "C")]
    [InlineData("", "?")]
    public void Initials_are_first_and_last_name_letters(string name, string expected) => Assert.Equal(expected, ViewMapper.Initials(name));

    [Fact]
    public void Consents_show_every_purpose_with_the_latest_records_status_now()
    {
        ConsentRecord[] records =
        [
            new("CHASE", ConsentPurpose.BalanceView, Now.AddDays(-2), null, Now.AddDays(-1)), // revoked...
            new("CHASE", ConsentPurpose.BalanceView, Now.AddHours(-1), Now.AddHours(1), null), // ...then granted again, expiring
            new("CHASE", ConsentPurpose.FraudAlerts, Now.AddDays(-3), Now.AddMinutes(-5), null), // expired
            new("CHASE", ConsentPurpose.Offers, Now.AddDays(-3), null, Now.AddDays(-2)), // revoked
            new("CITI", ConsentPurpose.TransactionNotifications, Now.AddDays(-3), null, null), // another bank
        ];

        var views = ViewMapper.Consents("CHASE", records, Now);

        Assert.Equal(Enum.GetValues<ConsentPurpose>().Length, views.Count);
        var byPurpose = views.ToDictionary(v => v.Purpose);
        Assert.Equal(("Granted", true, (DateTimeOffset?)Now.AddHours(1)), (byPurpose["BalanceView"].Status, byPurpose["BalanceView"].Active, byPurpose["BalanceView"].ExpiresAt));
        Assert.Equal("Missing", byPurpose["TransactionNotifications"].Status);
        Assert.Equal(("Expired", false), (byPurpose["FraudAlerts"].Status, byPurpose["FraudAlerts"].Active));
        Assert.Equal("Revoked", byPurpose["Offers"].Status);
        Assert.Equal("Transaction notifications", byPurpose["TransactionNotifications"].Label);
    }

    [Fact]
    public void A_refused_balance_read_says_consent_required_naming_purpose_and_status()
    {
        var refused = new MessengerBalanceResult(MessengerReadStatus.ConsentRequired,
            new ConsentDecision("CHASE", ConsentPurpose.BalanceView, ConsentStatus.Revoked, Now), []);
        var allowed = new MessengerBalanceResult(MessengerReadStatus.Ok,
            new ConsentDecision("CHASE", ConsentPurpose.BalanceView, ConsentStatus.Granted, Now), [new MessengerAccountBalance("CHASE:1", Cash.Parse("10.00 USD"))]);

        Assert.Equal(new BalanceAnswer("CHASE", false, "Consent required: balance view for CHASE is revoked."), ViewMapper.Balance("CHASE", refused));
        Assert.Equal(new BalanceAnswer("CHASE", true, "Balance: CHASE:1 10.00 USD"), ViewMapper.Balance("CHASE", allowed));
    }

    [Fact]
    public void Message_keys_are_stable_and_distinct_per_message()
    {
        var usd = Cash.Parse("4.20 USD");
        var payment = new InboxMessage(Now, InboxMessageKind.Transaction, "CHASE", "CHASE:1", "t1", PostingKind.CardAuthorization, usd, usd);
        var alert = payment with { Kind = InboxMessageKind.FraudAlert, Detail = "card_testing" };

        Assert.Equal(ViewMapper.Message(payment).Key, ViewMapper.Message(payment with { }).Key);
        Assert.NotEqual(ViewMapper.Message(payment).Key, ViewMapper.Message(alert).Key);
        Assert.Equal("FraudAlert", ViewMapper.Message(alert).Kind);
        Assert.Contains("Was it you?", ViewMapper.Message(alert).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_and_history_show_amounts_in_the_accounts_currency()
    {
        var assessment = new FraudAssessment(600, FraudRules.CardTesting, FraudDecision.Decline);
        var alert = new FraudAlertRecord("t9", Now, 150, "M1", "GB", assessment, FraudAlertStatus.ConfirmedFraud);
        var history = new HistoryEntry("t9", PostingKind.CardAuthorization, PostingOutcome.Declined, DeclineReason.FraudSuspected, 150, 10_000, Now, null);

        var view = ViewMapper.Alert("CHASE:1", alert, Actors.Money.Currency.USD);
        var line = ViewMapper.History(history, Actors.Money.Currency.JPY);

        Assert.Equal(("1.50 USD", "Confirmed fraud", false, 600), (view.Amount, view.Status, view.Open, view.Score));
        Assert.Contains("card_testing", view.Rules, StringComparison.Ordinal);
        Assert.Equal(("150 JPY", "10000 JPY", "Declined (FraudSuspected)"), (line.Amount, line.BalanceAfter, line.Outcome));
    }

    [Fact]
    public void World_metrics_count_per_second_and_by_decline_reason()
    {
        var time = new ManualTime(Now);
        var metrics = new WorldMetrics(time);
        var usd = Cash.Parse("1.00 USD");
        var declined = new PostingResult("t1", PostingKind.CardAuthorization, PostingOutcome.Declined, DeclineReason.FraudSuspected, usd, usd,
            Fraud: new FraudAssessment(600, FraudRules.CardTesting, FraudDecision.Decline));

        metrics.Authorization(declined);
        metrics.Authorization(declined with { Outcome = PostingOutcome.Applied, Reason = DeclineReason.None, Fraud = default });
        metrics.ConsentDenied();
        metrics.NotificationLatency(TimeSpan.FromMilliseconds(10));
        metrics.NotificationLatency(TimeSpan.FromMilliseconds(30));
        time.Advance(TimeSpan.FromSeconds(1));
        metrics.Authorization(declined with { Reason = DeclineReason.InsufficientFunds, Fraud = default });

        var series = metrics.Snapshot();
        Assert.Equal(WorldMetrics.Seconds, series.Points.Count);
        var (previous, current) = (series.Points[^2], series.Points[^1]);
        Assert.Equal((2L, 1L, 1L, (double?)20.0), (previous.Authorizations, previous.Alerts, previous.ConsentDenials, previous.LatencyMs));
        Assert.Equal(1, previous.Declines["fraud_suspected"]);
        Assert.Equal((1L, 0L, (double?)null), (current.Authorizations, current.Alerts, current.LatencyMs));
        Assert.Equal(3, series.Authorizations);
        Assert.Equal(new Dictionary<string, long> { ["fraud_suspected"] = 1, ["insufficient_funds"] = 1 }, series.Declines);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
