using System.Net;
using Actors.Accounts;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Users;

namespace Actors.Gateway.Tests;

/// <summary>Partner reads: each behind its link and its consent, checked at the moment of the read, audited either way.</summary>
[Collection(GatewayCollection.Name)]
public sealed class PartnerEndpointTests(GatewayFixture fixture)
{
    private static readonly Persona Alice = Personas.Alice;

    [Fact]
    public async Task Link_status_for_a_linked_partner_lists_the_consents_in_force()
    {
        var json = (await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}", Personas.AcmeKey)).AssertOk();

        Assert.True(json.GetProperty("linked").GetBoolean());
        var purposes = json.GetProperty("consentsInForce").EnumerateArray().Select(c => c.GetProperty("purpose").GetString()!).ToArray();
        Assert.Equal(["BalanceView", "TransactionNotifications", "FraudAlerts"], purposes);
    }

    [Fact]
    public async Task Link_status_for_an_unlinked_partner_says_not_linked_and_nothing_more()
    {
        var json = (await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}", Personas.GlobexKey)).AssertOk();

        Assert.False(json.GetProperty("linked").GetBoolean());
        Assert.Empty(json.GetProperty("consentsInForce").EnumerateArray());
    }

    [Fact]
    public async Task Balance_with_consent_returns_the_balances_at_that_bank_only()
    {
        var json = (await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/balance", Personas.AcmeKey)).AssertOk();

        Assert.Equal("ok", json.GetProperty("status").GetString());
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal("CHASE:alicezq-1", item.GetProperty("accountId").GetString());
        Assert.Equal("USD", item.GetProperty("balance").GetProperty("currency").GetString());
        Assert.True(item.GetProperty("balance").GetProperty("minor").GetInt64() >= 1_000_00);
    }

    [Theory]
    [InlineData("balance", "BalanceView")]
    [InlineData("transactions", "TransactionNotifications")]
    [InlineData("alerts", "FraudAlerts")]
    [InlineData("notifications", "TransactionNotifications")]
    public async Task A_read_without_consent_is_403_consent_required_naming_purpose_and_bank(string read, string purpose)
    {
        // Alice consented for CHASE only; CITI has nothing granted.
        var response = await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CITI/{read}", Personas.AcmeKey);

        var problem = response.AssertProblem(HttpStatusCode.Forbidden, "consent_required");
        Assert.Equal(purpose, problem.GetProperty("purpose").GetString());
        Assert.Equal("CITI", problem.GetProperty("bank").GetString());
        Assert.Equal("Missing", problem.GetProperty("consentStatus").GetString());
        Assert.DoesNotContain("items", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_denied_read_is_audited_in_the_users_log_like_an_allowed_one()
    {
        await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CITI/balance", Personas.AcmeKey);
        await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/balance", Personas.AcmeKey);

        var log = await fixture.Grains.GetGrain<IUserGrain>(Alice.UserId).GetAuditLog();
        Assert.Contains(log, e => e.Actor == "partner:acme" && e.Bank == "CITI" && e.Outcome == AuditOutcome.Denied && e.Purpose == ConsentPurpose.BalanceView);
        Assert.Contains(log, e => e.Actor == "partner:acme" && e.Bank == "CHASE" && e.Outcome == AuditOutcome.Allowed && e.Purpose == ConsentPurpose.BalanceView);
    }

    [Theory]
    [InlineData("balance")]
    [InlineData("transactions")]
    [InlineData("alerts")]
    [InlineData("notifications")]
    public async Task A_partner_the_user_has_not_linked_reads_nothing_and_the_attempt_is_audited(string read)
    {
        var response = await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/{read}", Personas.GlobexKey);

        response.AssertProblem(HttpStatusCode.Forbidden, "partner_not_linked");
        var log = await fixture.Grains.GetGrain<IUserGrain>(Alice.UserId).GetAuditLog();
        Assert.Contains(log, e => e.Actor == "partner:globex" && e.Outcome == AuditOutcome.Denied && e.Detail!.Contains("not linked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partner_cannot_tell_an_unknown_user_from_one_who_has_not_linked_it()
    {
        var unknown = await fixture.Http.Get("/v1/partner/users/nobody-here/banks/CHASE/balance", Personas.AcmeKey);
        var unlinked = await fixture.Http.Get($"/v1/partner/users/{Personas.Bob.UserId}/banks/CHASE/balance", Personas.AcmeKey);

        unknown.AssertProblem(HttpStatusCode.Forbidden, "partner_not_linked");
        unlinked.AssertProblem(HttpStatusCode.Forbidden, "partner_not_linked");
    }

    [Fact]
    public async Task Transactions_with_consent_are_newest_first_and_carry_no_counterparty()
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(Alice.Chase);
        await account.Deposit("alice-tx-1", Money.Money.FromMinor(12_34, "USD"));
        await account.Withdraw("alice-tx-2", Money.Money.FromMinor(1_00, "USD"));

        var json = (await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/transactions?limit=2", Personas.AcmeKey)).AssertOk();

        var items = json.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["alice-tx-2", "alice-tx-1"], items.Select(i => i.GetProperty("transactionId").GetString()!).ToArray());
        Assert.Equal("Withdrawal", items[0].GetProperty("kind").GetString());
        Assert.Equal(1_00, items[0].GetProperty("amount").GetProperty("minor").GetInt64());
        Assert.False(items[0].TryGetProperty("counterparty", out _));
    }

    [Fact]
    public async Task Alerts_with_consent_show_the_fraud_alerts_of_the_users_accounts()
    {
        var frank = Personas.Frank;
        await FraudBursts.CardTesting(fixture, frank.Accounts[0], "pa");

        var json = (await fixture.Http.Get($"/v1/partner/users/{frank.UserId}/banks/CHASE/alerts", Personas.AcmeKey)).AssertOk();

        var alert = json.GetProperty("items").EnumerateArray().First(a => a.GetProperty("transactionId").GetString() == "pa-2");
        Assert.Equal(frank.Accounts[0], alert.GetProperty("accountId").GetString());
        Assert.Contains("card", alert.GetProperty("rules").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_bank_or_user_credential_cannot_use_the_partner_api()
    {
        (await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/balance", Personas.ChaseKey)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/balance", Alice.Key)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Transactions_limit_out_of_range_is_400()
    {
        var response = await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/transactions?limit=0", Personas.AcmeKey);

        response.AssertProblem(HttpStatusCode.BadRequest, "bad_argument");
    }
}
