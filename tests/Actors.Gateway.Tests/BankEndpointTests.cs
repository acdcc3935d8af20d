using System.Net;
using Actors.Accounts;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Users;

namespace Actors.Gateway.Tests;

/// <summary>The bank side: its own accounts only; freeze, alerts and their feedback, deposits.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BankEndpointTests(GatewayFixture fixture)
{
    private static readonly Persona Frank = Personas.Frank;

    private static string Account(string accountId) => $"/v1/bank/accounts/{Uri.EscapeDataString(accountId)}";

    [Fact]
    public async Task A_bank_freezes_and_unfreezes_its_own_account_and_the_owner_sees_it_in_the_audit_log()
    {
        var frozen = (await fixture.Http.Post(Account(Frank.Chase) + "/freeze", Personas.ChaseKey, """{"reason":"court order"}""")).AssertOk();
        Assert.Equal("Frozen", frozen.GetProperty("status").GetString());
        Assert.Equal("court order", frozen.GetProperty("frozenReason").GetString());

        var active = (await fixture.Http.Post(Account(Frank.Chase) + "/unfreeze", Personas.ChaseKey)).AssertOk();

        Assert.Equal("Active", active.GetProperty("status").GetString());
        var log = await fixture.Grains.GetGrain<IUserGrain>(Frank.UserId).GetAuditLog();
        Assert.Contains(log, e => e.Actor == "bank:CHASE" && e.Outcome == AuditOutcome.Allowed && e.Detail!.Contains("/freeze", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bank_cannot_touch_another_banks_account_and_the_attempt_is_audited()
    {
        var citiAccount = Frank.Accounts[1];

        (await fixture.Http.Post(Account(citiAccount) + "/freeze", Personas.ChaseKey, """{"reason":"x"}""")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await fixture.Http.Get(Account(citiAccount), Personas.ChaseKey)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(AccountStatus.Active, (await fixture.Grains.GetGrain<IAccountGrain>(citiAccount).GetSnapshot()).Status);
        var log = await fixture.Grains.GetGrain<IUserGrain>(Frank.UserId).GetAuditLog();
        Assert.Contains(log, e => e.Actor == "bank:CHASE" && e.Bank == "CITI" && e.Outcome == AuditOutcome.Denied);
    }

    [Fact]
    public async Task Not_me_confirms_the_alert_and_freezes_a_second_answer_conflicts_and_it_was_me_clears()
    {
        await FraudBursts.CardTesting(fixture, Frank.Chase, "bk");
        var alerts = (await fixture.Http.Get(Account(Frank.Chase) + "/alerts", Personas.ChaseKey)).AssertOk();
        Assert.Contains(alerts.EnumerateArray(), a => a.GetProperty("transactionId").GetString() == "bk-2" && a.GetProperty("status").GetString() == "Open");

        var confirmed = (await fixture.Http.Post(Account(Frank.Chase) + "/alerts/bk-2/confirm", Personas.ChaseKey)).AssertOk();
        Assert.Equal("ConfirmedFraud", confirmed.GetProperty("status").GetString());
        Assert.Equal(AccountStatus.Frozen, (await fixture.Grains.GetGrain<IAccountGrain>(Frank.Chase).GetSnapshot()).Status);

        (await fixture.Http.Post(Account(Frank.Chase) + "/alerts/bk-2/clear", Personas.ChaseKey)).AssertProblem(HttpStatusCode.Conflict, "conflict");
        await fixture.Http.Post(Account(Frank.Chase) + "/unfreeze", Personas.ChaseKey);

        var erin = Personas.Erin;
        await FraudBursts.CardTesting(fixture, erin.Chase, "bc");
        var cleared = (await fixture.Http.Post(Account(erin.Chase) + "/alerts/bc-2/clear", Personas.ChaseKey)).AssertOk();
        Assert.Equal("Cleared", cleared.GetProperty("status").GetString());
        Assert.Equal(AccountStatus.Active, (await fixture.Grains.GetGrain<IAccountGrain>(erin.Chase).GetSnapshot()).Status);
    }

    [Fact]
    public async Task Resolving_an_unknown_alert_is_404()
    {
        (await fixture.Http.Post(Account(Frank.Chase) + "/alerts/no-such-alert/confirm", Personas.ChaseKey)).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_deposit_credits_the_account_once_per_transaction_id()
    {
        var before = (await fixture.Grains.GetGrain<IAccountGrain>(Frank.Chase).GetSnapshot()).Balance.Minor;
        const string body = """{"transactionId":"bank-dep-1","amountMinor":2500,"currency":"USD"}""";

        (await fixture.Http.Post(Account(Frank.Chase) + "/deposits", Personas.ChaseKey, body)).AssertOk();
        var again = (await fixture.Http.Post(Account(Frank.Chase) + "/deposits", Personas.ChaseKey, body)).AssertOk();

        Assert.Equal(before + 2500, again.GetProperty("balance").GetProperty("minor").GetInt64());
    }

    [Theory]
    [InlineData("""{"transactionId":"neg-1","amountMinor":-5,"currency":"USD"}""", "bad_amount")]
    [InlineData("""{"transactionId":"zero-1","amountMinor":0,"currency":"USD"}""", "bad_amount")]
    [InlineData("""{"transactionId":"huge-1","amountMinor":900000000000000,"currency":"USD"}""", "bad_amount")]
    [InlineData("""{"transactionId":"cur-1","amountMinor":100,"currency":"XYZ"}""", "bad_amount")]
    [InlineData("""{"transactionId":"cur-2","amountMinor":100,"currency":"EUR"}""", "bad_amount")]
    [InlineData("""{"transactionId":"bad id!","amountMinor":100,"currency":"USD"}""", "bad_id")]
    public async Task A_bad_deposit_is_400_and_changes_nothing(string body, string code)
    {
        var before = (await fixture.Grains.GetGrain<IAccountGrain>(Frank.Chase).GetSnapshot()).Balance;

        (await fixture.Http.Post(Account(Frank.Chase) + "/deposits", Personas.ChaseKey, body)).AssertProblem(HttpStatusCode.BadRequest, code);

        Assert.Equal(before, (await fixture.Grains.GetGrain<IAccountGrain>(Frank.Chase).GetSnapshot()).Balance);
    }

    [Fact]
    public async Task An_unknown_account_of_the_own_bank_is_404()
    {
        (await fixture.Http.Get(Account("CHASE:nobody-0"), Personas.ChaseKey)).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_malformed_account_id_is_400()
    {
        (await fixture.Http.Get(Account("chase-lowercase"), Personas.ChaseKey)).AssertProblem(HttpStatusCode.BadRequest, "bad_id");
    }

    [Fact]
    public async Task A_partner_credential_cannot_use_the_bank_api()
    {
        (await fixture.Http.Post(Account(Frank.Chase) + "/freeze", Personas.AcmeKey, """{"reason":"x"}""")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}
