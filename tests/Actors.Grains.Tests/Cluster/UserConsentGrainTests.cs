using Actors.Errors;
using Actors.Tests.Support;
using Actors.Users;

namespace Actors.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class UserConsentGrainTests(ClusterFixture fixture)
{
    private const string Bank = "CHASE";

    [Fact]
    public async Task Balance_read_is_denied_then_allowed_then_revoked_then_expired()
    {
        var customer = await Customer.Create(fixture.Grains, Bank, balanceMinor: 4_200);
        var user = customer.User;

        var missing = await user.GetBalanceForMessenger(Bank, Customer.MessengerActor);
        AssertConsentRequired(missing, ConsentStatus.Missing);

        await user.GrantConsent(Bank, ConsentPurpose.BalanceView, null, Customer.SelfActor);
        var allowed = await user.GetBalanceForMessenger(Bank, Customer.MessengerActor);
        Assert.Equal(MessengerReadStatus.Ok, allowed.Status);
        Assert.Equal(new MessengerAccountBalance(customer.AccountId, Amounts.Usd(4_200)), Assert.Single(allowed.Balances));

        await user.RevokeConsent(Bank, ConsentPurpose.BalanceView, Customer.SelfActor);
        AssertConsentRequired(await user.GetBalanceForMessenger(Bank, Customer.MessengerActor), ConsentStatus.Revoked);

        await user.GrantConsent(Bank, ConsentPurpose.BalanceView, fixture.Time.GetUtcNow().AddHours(1), Customer.SelfActor);
        Assert.Equal(MessengerReadStatus.Ok, (await user.GetBalanceForMessenger(Bank, Customer.MessengerActor)).Status);

        fixture.Time.Advance(TimeSpan.FromHours(1));
        AssertConsentRequired(await user.GetBalanceForMessenger(Bank, Customer.MessengerActor), ConsentStatus.Expired);
    }

    [Fact]
    public async Task Every_grant_revoke_and_access_decision_is_audited()
    {
        var customer = await Customer.Create(fixture.Grains, Bank, balanceMinor: 100);
        var user = customer.User;

        await user.GetBalanceForMessenger(Bank, Customer.MessengerActor);
        await user.GrantConsent(Bank, ConsentPurpose.BalanceView, null, Customer.SelfActor);
        await user.GetBalanceForMessenger(Bank, Customer.MessengerActor);
        await user.RevokeConsent(Bank, ConsentPurpose.BalanceView, Customer.SelfActor);
        await user.GetBalanceForMessenger(Bank, Customer.MessengerActor);
        await user.CheckConsent(Bank, ConsentPurpose.FraudAlerts, "bank-app");

        var log = (await user.GetAuditLog()).Where(e => e.Action != AuditAction.AccountLinked).ToArray();

        Assert.Equal(
        [
            (Customer.MessengerActor, AuditAction.Access, AuditOutcome.Denied, ConsentPurpose.BalanceView),
            (Customer.SelfActor, AuditAction.ConsentGranted, AuditOutcome.Recorded, ConsentPurpose.BalanceView),
            (Customer.MessengerActor, AuditAction.Access, AuditOutcome.Allowed, ConsentPurpose.BalanceView),
            (Customer.SelfActor, AuditAction.ConsentRevoked, AuditOutcome.Recorded, ConsentPurpose.BalanceView),
            (Customer.MessengerActor, AuditAction.Access, AuditOutcome.Denied, ConsentPurpose.BalanceView),
            ("bank-app", AuditAction.Access, AuditOutcome.Denied, ConsentPurpose.FraudAlerts),
        ],
        log.Select(e => (e.Actor, e.Action, e.Outcome, e.Purpose ?? default)));
        Assert.All(log, e => Assert.Equal(Bank, e.Bank));
        Assert.Contains("Missing", log[0].Detail, StringComparison.Ordinal);
        Assert.Contains(customer.AccountId, log[2].Detail, StringComparison.Ordinal);
        Assert.Contains("Revoked", log[4].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_check_answers_the_status_at_that_moment()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        await customer.User.GrantConsent(Bank, ConsentPurpose.Offers, fixture.Time.GetUtcNow().AddMinutes(30), Customer.SelfActor);

        var granted = await customer.User.CheckConsent(Bank, ConsentPurpose.Offers, Customer.MessengerActor);
        fixture.Time.Advance(TimeSpan.FromMinutes(30));
        var expired = await customer.User.CheckConsent(Bank, ConsentPurpose.Offers, Customer.MessengerActor);

        Assert.True(granted.Allowed);
        Assert.Equal(ConsentStatus.Expired, expired.Status);
        Assert.Equal(fixture.Time.GetUtcNow(), expired.CheckedAt);
    }

    [Fact]
    public async Task Balance_read_with_consent_but_no_account_at_that_bank_says_so()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);
        await customer.User.GrantConsent("CITI", ConsentPurpose.BalanceView, null, Customer.SelfActor);

        var result = await customer.User.GetBalanceForMessenger("CITI", Customer.MessengerActor);

        Assert.Equal(MessengerReadStatus.NoAccountAtBank, result.Status);
        Assert.Empty(result.Balances);
    }

    [Fact]
    public async Task Grant_with_an_expiry_in_the_past_is_refused_across_the_boundary()
    {
        var customer = await Customer.Create(fixture.Grains, Bank);

        await DomainAssert.ThrowsAsync(DomainError.InvalidArgument,
            () => customer.User.GrantConsent(Bank, ConsentPurpose.BalanceView, fixture.Time.GetUtcNow().AddMinutes(-1), Customer.SelfActor),
            "not in the future");

        Assert.Empty((await customer.User.Get()).Consents);
    }

    [Fact]
    public async Task Reads_of_an_unregistered_user_are_refused_as_not_found()
    {
        var user = fixture.Grains.GetGrain<IUserGrain>(TestIds.User());

        await DomainAssert.ThrowsAsync(DomainError.UserNotFound, () => user.Get(), "not registered");
        await DomainAssert.ThrowsAsync(DomainError.UserNotFound, () => user.GetBalanceForMessenger(Bank, Customer.MessengerActor));
    }

    [Fact]
    public async Task Linking_an_account_owned_by_someone_else_is_refused()
    {
        var owner = await Customer.Create(fixture.Grains, Bank);
        var other = await Customer.Create(fixture.Grains, Bank);

        await DomainAssert.ThrowsAsync(DomainError.NotAccountOwner, () => other.User.LinkAccount(owner.AccountId), owner.AccountId);

        Assert.DoesNotContain(owner.AccountId, (await other.User.Get()).LinkedAccounts);
    }

    private static void AssertConsentRequired(MessengerBalanceResult result, ConsentStatus why)
    {
        Assert.Equal(MessengerReadStatus.ConsentRequired, result.Status);
        Assert.Equal(why, result.Consent.Status);
        Assert.Equal(ConsentPurpose.BalanceView, result.Consent.Purpose);
        Assert.Empty(result.Balances);
    }
}
