using Actors.Accounts;
using Actors.Fraud;
using Actors.Tests.Support;
using Actors.Users;

namespace Actors.Tests.Cluster;

/// <summary>The built-in rules inside the account grain: alerts on the bank side, the inbox only with consent, the feedback flow.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FraudAlertGrainTests(ClusterFixture fixture)
{
    private const string Bank = "CHASE";

    /// <summary>Card testing: three tiny payments within minutes fire the rule on the third.</summary>
    private async Task<PostingResult> CardTestingBurst(Customer customer)
    {
        PostingResult last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await customer.Account.Authorize(new CardAuthorization($"probe-{i}", Amounts.Usd(50), "shop-9", 5999, "US", fixture.Time.GetUtcNow().AddMinutes(i)));
        }

        return last;
    }

    [Fact]
    public async Task A_card_testing_burst_is_declined_and_the_bank_side_sees_the_alert_without_any_consent()
    {
        var customer = await Customer.Create(fixture.Grains, Bank, balanceMinor: 500_00);

        var third = await CardTestingBurst(customer);

        Assert.Equal(DeclineReason.FraudSuspected, third.Reason);
        Assert.True((third.Fraud.Fired & FraudRules.CardTesting) != 0);
        var alert = (await customer.Account.GetAlerts())[0];
        Assert.Equal("probe-2", alert.TransactionId);
        Assert.Empty(await customer.User.GetInbox());
    }

    [Fact]
    public async Task The_alert_reaches_the_inbox_only_with_fraud_alert_consent_for_that_bank()
    {
        var customer = await Customer.Create(fixture.Grains, Bank, balanceMinor: 500_00);
        await customer.User.GrantConsent("CITI", ConsentPurpose.FraudAlerts, null, Customer.SelfActor);
        await customer.User.GrantConsent(Bank, ConsentPurpose.TransactionNotifications, null, Customer.SelfActor);

        await CardTestingBurst(customer);
        Assert.DoesNotContain(await customer.User.GetInbox(), m => m.Kind == InboxMessageKind.FraudAlert);

        await customer.User.GrantConsent(Bank, ConsentPurpose.FraudAlerts, null, Customer.SelfActor);
        var customer2Burst = await customer.Account.Authorize(new CardAuthorization("probe-3", Amounts.Usd(50), "shop-9", 5999, "US", fixture.Time.GetUtcNow().AddMinutes(4)));

        Assert.Equal(DeclineReason.FraudSuspected, customer2Burst.Reason);
        var alert = Assert.Single(await customer.User.GetInbox(), m => m.Kind == InboxMessageKind.FraudAlert);
        Assert.Equal("probe-3", alert.TransactionId);
        Assert.Contains("card_testing", alert.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_me_freezes_the_account_and_it_was_me_clears_the_alert()
    {
        var customer = await Customer.Create(fixture.Grains, Bank, balanceMinor: 500_00);
        await CardTestingBurst(customer);

        var cleared = await customer.Account.ResolveAlert("probe-2", AlertFeedback.ItWasMe);
        Assert.Equal(FraudAlertStatus.Cleared, cleared.Status);
        Assert.Equal(AccountStatus.Active, (await customer.Account.GetSnapshot()).Status);

        var other = await Customer.Create(fixture.Grains, Bank, balanceMinor: 500_00);
        await CardTestingBurst(other);
        var confirmed = await other.Account.ResolveAlert("probe-2", AlertFeedback.NotMe);
        Assert.Equal(FraudAlertStatus.ConfirmedFraud, confirmed.Status);
        var snapshot = await other.Account.GetSnapshot();
        Assert.Equal(AccountStatus.Frozen, snapshot.Status);
        var after = await other.Account.Authorize(TestAccounts.Card("after", Amounts.Usd(10_00)));
        Assert.Equal(DeclineReason.AccountFrozen, after.Reason);
    }

    [Fact]
    public async Task Alerts_and_the_fraud_profile_survive_deactivation()
    {
        var customer = await Customer.Create(fixture.Grains, Bank, balanceMinor: 500_00);
        await CardTestingBurst(customer);

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal("probe-2", (await customer.Account.GetAlerts())[0].TransactionId);
        var fourth = await customer.Account.Authorize(new CardAuthorization("probe-3", Amounts.Usd(50), "shop-9", 5999, "US", fixture.Time.GetUtcNow().AddMinutes(3)));
        Assert.Equal(DeclineReason.FraudSuspected, fourth.Reason);
    }
}
