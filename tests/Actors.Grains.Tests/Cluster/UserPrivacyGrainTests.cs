using System.Text.Json;
using Actors.Errors;
using Actors.Tests.Support;
using Actors.Users;

namespace Actors.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class UserPrivacyGrainTests(ClusterFixture fixture)
{
    private const string Bank = "CHASE";
    private static readonly string[] AuditFields = ["At", "Actor", "Action", "Bank", "Purpose", "Outcome", "Detail"];

    private async Task<Customer> CustomerWithOneNotification()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        await customer.User.GrantConsent(Bank, ConsentPurpose.TransactionNotifications, null, Customer.SelfActor);
        await customer.Account.Deposit("dep-1", Amounts.Usd(1_500));
        Assert.Single(await customer.User.GetInbox());
        return customer;
    }

    [Fact]
    public async Task Export_holds_profile_linked_accounts_consents_audit_log_and_inbox()
    {
        var customer = await CustomerWithOneNotification();

        using var export = JsonDocument.Parse(await customer.User.Export(Customer.SelfActor));
        var root = export.RootElement;

        Assert.Equal(customer.UserId, root.GetProperty("UserId").GetString());
        Assert.Equal(fixture.Time.GetUtcNow(), root.GetProperty("ExportedAt").GetDateTimeOffset());
        var profile = root.GetProperty("Profile");
        Assert.Equal(
            (Customer.Profile.DisplayName, Customer.Profile.Locale, Customer.Profile.Country, Customer.Profile.MessengerId),
            (profile.GetProperty("DisplayName").GetString(), profile.GetProperty("Locale").GetString(),
             profile.GetProperty("Country").GetString(), profile.GetProperty("MessengerId").GetString()));
        Assert.Equal(JsonValueKind.String, root.GetProperty("RegisteredAt").ValueKind);
        Assert.Equal([customer.AccountId], root.GetProperty("LinkedAccounts").EnumerateArray().Select(a => a.GetString()));

        var consent = Assert.Single(root.GetProperty("Consents").EnumerateArray());
        Assert.Equal(Bank, consent.GetProperty("Bank").GetString());
        Assert.Equal("TransactionNotifications", consent.GetProperty("Purpose").GetString());
        Assert.Equal("Granted", consent.GetProperty("StatusNow").GetString());
        Assert.Equal(JsonValueKind.String, consent.GetProperty("GrantedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, consent.GetProperty("ExpiresAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, consent.GetProperty("RevokedAt").ValueKind);

        var audit = root.GetProperty("AuditLog").EnumerateArray().ToArray();
        Assert.Equal(["AccountLinked", "ConsentGranted", "Exported"], audit.Select(e => e.GetProperty("Action").GetString()));
        Assert.All(audit, e =>
        {
            foreach (var field in AuditFields)
            {
                Assert.True(e.TryGetProperty(field, out _), $"audit entry lacks {field}");
            }
        });
        Assert.Equal(0, root.GetProperty("AuditEntriesDropped").GetInt64());

        var message = Assert.Single(root.GetProperty("Inbox").EnumerateArray());
        Assert.Equal(("Transaction", Bank, customer.AccountId, "dep-1"),
            (message.GetProperty("Kind").GetString(), message.GetProperty("Bank").GetString(),
             message.GetProperty("AccountId").GetString(), message.GetProperty("TransactionId").GetString()));
        Assert.Contains("15.00 USD", message.GetProperty("Text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_leaves_nothing_readable()
    {
        var customer = await CustomerWithOneNotification();
        await customer.User.GrantConsent(Bank, ConsentPurpose.BalanceView, null, Customer.SelfActor);

        await customer.User.Erase(Customer.SelfActor);

        var user = customer.User;
        await DomainAssert.ThrowsAsync(DomainError.UserErased, () => user.Get(), customer.UserId, "erased");
        await DomainAssert.ThrowsAsync(DomainError.UserErased, () => user.GetAuditLog());
        await DomainAssert.ThrowsAsync(DomainError.UserErased, () => user.GetInbox());
        await DomainAssert.ThrowsAsync(DomainError.UserErased, () => user.GetBalanceForMessenger(Bank, Customer.MessengerActor));
        await DomainAssert.ThrowsAsync(DomainError.UserErased, () => user.Export(Customer.SelfActor));
        await DomainAssert.ThrowsAsync(DomainError.UserErased, () => user.Register(Customer.Profile));
    }

    [Fact]
    public async Task Erase_holds_after_reactivation_and_later_postings_reach_no_inbox()
    {
        var customer = await CustomerWithOneNotification();
        var userId = customer.User.GetGrainId();
        Assert.Equal(["dep-1"], fixture.Notifications.DeliveredTo(userId));

        await customer.User.Erase(Customer.SelfActor);
        await fixture.Cluster.DeactivateAsync(customer.User);
        var posted = await customer.Account.Deposit("dep-after-erase", Amounts.Usd(700));

        Assert.True(posted.Approved);
        Assert.Equal(["dep-1"], fixture.Notifications.SentTo(userId));
        await DomainAssert.ThrowsAsync(DomainError.UserErased, () => customer.User.GetInbox());
        await DomainAssert.ThrowsAsync(DomainError.UserErased, () => customer.User.GetAuditLog());
        await DomainAssert.ThrowsAsync(DomainError.UserErased, () => customer.User.Get());
    }

    [Fact]
    public async Task Erase_unlinks_the_accounts_so_the_bank_side_alone_keeps_them()
    {
        var customer = await CustomerWithOneNotification();

        await customer.User.Erase(Customer.SelfActor);

        var account = await customer.Account.GetSnapshot();
        Assert.Equal((customer.UserId, Amounts.Usd(1_500)), (account.Owner, account.Balance));
    }
}
