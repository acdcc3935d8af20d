using Actors.Accounts;
using Actors.Tests.Support;
using Actors.Users;

namespace Actors.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class InboxGrainTests(ClusterFixture fixture)
{
    private const string Bank = "CHASE";

    private Task Grant(Customer customer, string bank, ConsentPurpose purpose, DateTimeOffset? expiresAt = null) =>
        customer.User.GrantConsent(bank, purpose, expiresAt, Customer.SelfActor);

    private static async Task<string[]> InboxIds(Customer customer) =>
        (await customer.User.GetInbox()).Select(m => m.TransactionId ?? "(none)").ToArray();

    [Fact]
    public async Task Transaction_notification_reaches_the_inbox_only_with_consent_for_that_bank()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        var citi = await customer.OpenAndLinkAnother(fixture.Grains, "CITI");

        await customer.Account.Deposit("before-consent", Amounts.Usd(100));
        Assert.Empty(await customer.User.GetInbox());

        await Grant(customer, Bank, ConsentPurpose.TransactionNotifications);
        await Grant(customer, "CITI", ConsentPurpose.BalanceView);
        await customer.Account.Deposit("chase-1", Amounts.Usd(250));
        await citi.Deposit("citi-1", Amounts.Usd(300));

        var message = Assert.Single(await customer.User.GetInbox());
        Assert.Equal((InboxMessageKind.Transaction, Bank, customer.AccountId, "chase-1"), (message.Kind, message.Bank, message.AccountId, message.TransactionId));
        Assert.Contains("2.50 USD", message.Text, StringComparison.Ordinal);
        Assert.Contains("balance 3.50 USD", message.Text, StringComparison.Ordinal);
        Assert.Equal(fixture.Time.GetUtcNow(), message.At);
    }

    [Fact]
    public async Task Only_applied_postings_are_notified_and_only_once()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        await Grant(customer, Bank, ConsentPurpose.TransactionNotifications);

        await customer.Account.Deposit("dep-1", Amounts.Usd(1_000));
        await customer.Account.Deposit("dep-1", Amounts.Usd(1_000));
        await customer.Account.Withdraw("wd-too-much", Amounts.Usd(5_000));
        await customer.Account.Authorize(TestAccounts.Card("card-1", Amounts.Usd(200)));

        Assert.Equal(["dep-1", "card-1"], await InboxIds(customer));
    }

    [Fact]
    public async Task Notifications_stop_right_after_revoke()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        await Grant(customer, Bank, ConsentPurpose.TransactionNotifications);
        await customer.Account.Deposit("dep-1", Amounts.Usd(100));

        await customer.User.RevokeConsent(Bank, ConsentPurpose.TransactionNotifications, Customer.SelfActor);
        await customer.Account.Deposit("dep-2", Amounts.Usd(100));

        Assert.Equal(["dep-1"], await InboxIds(customer));
    }

    [Fact]
    public async Task Notifications_stop_once_the_consent_expires()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        await Grant(customer, Bank, ConsentPurpose.TransactionNotifications, fixture.Time.GetUtcNow().AddMinutes(10));
        await customer.Account.Deposit("dep-1", Amounts.Usd(100));

        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        await customer.Account.Deposit("dep-2", Amounts.Usd(100));

        Assert.Equal(["dep-1"], await InboxIds(customer));
    }

    [Fact]
    public async Task Inbox_keeps_only_the_newest_messages()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        await Grant(customer, Bank, ConsentPurpose.TransactionNotifications);

        for (var i = 1; i <= TestSiloConfigurator.InboxCapacity + 3; i++)
        {
            await customer.Account.Deposit($"dep-{i}", Amounts.Usd(i));
        }

        Assert.Equal(["dep-4", "dep-5", "dep-6", "dep-7", "dep-8"], await InboxIds(customer));
    }

    [Fact]
    public async Task Notified_postings_and_consent_changes_on_one_user_never_wait_on_each_other()
    {
        // The account awaits the user grain (Notify) while the user grain awaits the account (the consent push):
        // without interleaving each would wait for the other until the call timed out.
        var customer = await Customer.Create(fixture.Grains, Bank);
        await Grant(customer, Bank, ConsentPurpose.TransactionNotifications);
        var deposits = Enumerable.Range(1, 60).Select(i => $"race-dep-{i}").ToArray();
        var before = (await customer.Account.GetSnapshot()).Balance.Minor;

        var postings = Task.WhenAll(deposits.Select(id => customer.Account.Deposit(id, Amounts.Usd(1))));
        var consents = Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? Grant(customer, Bank, ConsentPurpose.FraudAlerts)
            : customer.User.RevokeConsent(Bank, ConsentPurpose.FraudAlerts, Customer.SelfActor)));
        var reads = Task.WhenAll(Enumerable.Range(0, 10).Select(_ => customer.Account.GetHistory(100)));
        var all = Task.WhenAll(postings, consents, reads);
        var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(finished == all, "60 notified deposits, 20 consent changes and 10 history reads on one user did not finish within 20 s (a call cycle between the account and its user grain?).");
        await all;

        // Saves interleaved with consent pushes: every deposit is in the history exactly once; the inbox holds the
        // newest (it keeps TestSiloConfigurator.InboxCapacity), each once and in posting order.
        var history = await customer.Account.GetHistory(100);
        Assert.Equal(deposits.Order(), history.Select(h => h.TransactionId).Where(id => id.StartsWith("race-dep-", StringComparison.Ordinal)).Order());
        var newestPosted = history.Where(h => h.TransactionId.StartsWith("race-dep-", StringComparison.Ordinal)).Take(TestSiloConfigurator.InboxCapacity)
            .Select(h => h.TransactionId).Reverse();
        Assert.Equal(newestPosted, await InboxIds(customer));
        Assert.Equal(before + 60, (await customer.Account.GetSnapshot()).Balance.Minor);
    }

    [Fact]
    public async Task A_notification_delivered_again_by_a_retry_appears_once()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        await Grant(customer, Bank, ConsentPurpose.TransactionNotifications);
        await Grant(customer, Bank, ConsentPurpose.FraudAlerts);
        await customer.Account.Deposit("dep-1", Amounts.Usd(500));
        var delivered = (await customer.User.GetInbox()).Single(m => m.TransactionId == "dep-1");
        var again = new TransactionNotification(customer.AccountId, "dep-1", InboxMessageKind.Transaction, delivered.Posting, delivered.Amount,
            delivered.Balance, delivered.At);

        Assert.True(await customer.User.Notify(again)); // answered as delivered: the account must not retry it once more
        await customer.User.Notify(again with { Kind = InboxMessageKind.FraudAlert, Detail = "velocity" }); // another notification of that posting

        var inbox = await customer.User.GetInbox();
        Assert.Single(inbox, m => m.TransactionId == "dep-1" && m.Kind == InboxMessageKind.Transaction);
        Assert.Single(inbox, m => m.TransactionId == "dep-1" && m.Kind == InboxMessageKind.FraudAlert);
    }
}
