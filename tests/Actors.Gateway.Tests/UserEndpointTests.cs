using System.Net;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Users;

namespace Actors.Gateway.Tests;

/// <summary>A user acts on themselves only: partner links, consents, audit log, export, erasure.</summary>
[Collection(GatewayCollection.Name)]
public sealed class UserEndpointTests(GatewayFixture fixture)
{
    private static readonly Persona Alice = Personas.Alice;
    private static readonly Persona Bob = Personas.Bob;

    [Fact]
    public async Task A_user_reads_their_own_profile()
    {
        var json = (await fixture.Http.Get($"/v1/users/{Alice.UserId}", Alice.Key)).AssertOk();

        Assert.Equal(Alice.DisplayName, json.GetProperty("displayName").GetString());
        Assert.Equal(Alice.Accounts, json.GetProperty("linkedAccounts").EnumerateArray().Select(a => a.GetString()!).ToArray());
    }

    [Fact]
    public async Task Linking_and_unlinking_a_partner_opens_and_closes_its_reads()
    {
        var erin = Personas.Erin;
        var path = $"/v1/partner/users/{erin.UserId}/banks/CHASE/balance";
        (await fixture.Http.Get(path, Personas.GlobexKey)).AssertProblem(HttpStatusCode.Forbidden, "partner_not_linked");

        var linked = (await fixture.Http.Put($"/v1/users/{erin.UserId}/partners/globex", erin.Key)).AssertOk();
        Assert.Contains("globex", linked.GetProperty("partners").EnumerateArray().Select(p => p.GetString()));
        (await fixture.Http.Get(path, Personas.GlobexKey)).AssertOk();

        (await fixture.Http.Delete($"/v1/users/{erin.UserId}/partners/globex", erin.Key)).AssertOk();
        (await fixture.Http.Get(path, Personas.GlobexKey)).AssertProblem(HttpStatusCode.Forbidden, "partner_not_linked");
        (await fixture.Http.Delete($"/v1/users/{erin.UserId}/partners/globex", erin.Key)).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Granting_then_revoking_a_consent_opens_then_closes_the_read_with_status_revoked()
    {
        var carol = Personas.Carol;
        var path = $"/v1/partner/users/{carol.UserId}/banks/CITI/balance";
        var granted = (await fixture.Http.Post($"/v1/users/{carol.UserId}/consents", carol.Key, """{"bank":"CITI","purpose":"BalanceView"}""")).AssertOk();
        Assert.Equal("BalanceView", granted.GetProperty("purpose").GetString());
        Assert.Equal("no_account_at_bank", (await fixture.Http.Get(path, Personas.AcmeKey)).AssertOk().GetProperty("status").GetString());

        (await fixture.Http.Delete($"/v1/users/{carol.UserId}/consents/CITI/BalanceView", carol.Key)).AssertOk();

        var problem = (await fixture.Http.Get(path, Personas.AcmeKey)).AssertProblem(HttpStatusCode.Forbidden, "consent_required");
        Assert.Equal("Revoked", problem.GetProperty("consentStatus").GetString());
    }

    [Fact]
    public async Task An_expired_consent_is_403_with_status_expired()
    {
        var carol = Personas.Carol;
        var expiresAt = fixture.Time.GetUtcNow().AddHours(1).ToString("O");
        (await fixture.Http.Post($"/v1/users/{carol.UserId}/consents", carol.Key, $$"""{"bank":"CITI","purpose":"FraudAlerts","expiresAt":"{{expiresAt}}"}""")).AssertOk();
        (await fixture.Http.Get($"/v1/partner/users/{carol.UserId}/banks/CITI/alerts", Personas.AcmeKey)).AssertOk();

        fixture.Time.Advance(TimeSpan.FromHours(2));

        var problem = (await fixture.Http.Get($"/v1/partner/users/{carol.UserId}/banks/CITI/alerts", Personas.AcmeKey)).AssertProblem(HttpStatusCode.Forbidden, "consent_required");
        Assert.Equal("Expired", problem.GetProperty("consentStatus").GetString());
    }

    [Fact]
    public async Task Revoking_an_unknown_purpose_is_400_naming_the_valid_ones()
    {
        var problem = (await fixture.Http.Delete($"/v1/users/{Alice.UserId}/consents/CHASE/Everything", Alice.Key)).AssertProblem(HttpStatusCode.BadRequest, "bad_purpose");

        Assert.Contains("BalanceView", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_shows_partner_reads_allowed_and_denied()
    {
        await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/balance", Personas.AcmeKey);
        await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/balance", Personas.GlobexKey);

        var entries = (await fixture.Http.Get($"/v1/users/{Alice.UserId}/audit", Alice.Key)).AssertOk().EnumerateArray().ToArray();

        Assert.Contains(entries, e => e.GetProperty("actor").GetString() == "partner:acme" && e.GetProperty("outcome").GetString() == "Allowed");
        Assert.Contains(entries, e => e.GetProperty("actor").GetString() == "partner:globex" && e.GetProperty("outcome").GetString() == "Denied");
    }

    [Fact]
    public async Task Export_returns_everything_held_about_the_user_as_json()
    {
        var response = await fixture.Http.Get($"/v1/users/{Alice.UserId}/export", Alice.Key);

        var json = response.AssertOk();
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(Alice.UserId, json.GetProperty("UserId").GetString());
        Assert.Contains("acme", json.GetProperty("Partners").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Erasure_removes_the_user_and_every_later_read_finds_nothing()
    {
        var dave = Personas.Dave;
        (await fixture.Http.Get($"/v1/partner/users/{dave.UserId}/banks/CHASE/balance", Personas.AcmeKey)).AssertOk();

        var erased = await fixture.Http.Delete($"/v1/users/{dave.UserId}", dave.Key);

        Assert.Equal(HttpStatusCode.NoContent, erased.Status);
        (await fixture.Http.Get($"/v1/partner/users/{dave.UserId}/banks/CHASE/balance", Personas.AcmeKey)).AssertProblem(HttpStatusCode.Forbidden, "partner_not_linked");
        Assert.False((await fixture.Http.Get($"/v1/partner/users/{dave.UserId}", Personas.AcmeKey)).AssertOk().GetProperty("linked").GetBoolean());
        (await fixture.Http.Get($"/v1/users/{dave.UserId}", dave.Key)).AssertProblem(HttpStatusCode.NotFound, "not_found");
        (await fixture.Http.Get($"/v1/users/{dave.UserId}/export", dave.Key)).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/audit")]
    [InlineData("GET", "/export")]
    [InlineData("PUT", "/partners/globex")]
    [InlineData("DELETE", "/consents/CHASE/BalanceView")]
    [InlineData("DELETE", "")]
    public async Task A_user_cannot_act_on_another_user_and_the_attempt_is_audited_without_their_id(string method, string suffix)
    {
        var response = await fixture.Http.Send(new HttpMethod(method), $"/v1/users/{Alice.UserId}{suffix}", Bob.Key);

        response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        var log = await fixture.Grains.GetGrain<IUserGrain>(Alice.UserId).GetAuditLog();
        Assert.Contains(log, e => e.Actor == "another-user" && e.Outcome == AuditOutcome.Denied);
        Assert.DoesNotContain(log, e => e.Actor.Contains(Bob.UserId, StringComparison.Ordinal));
        Assert.NotNull(await fixture.Grains.GetGrain<IUserGrain>(Alice.UserId).Get());
    }

    [Fact]
    public async Task A_user_cannot_grant_consent_for_another_user()
    {
        var response = await fixture.Http.Post($"/v1/users/{Alice.UserId}/consents", Bob.Key, """{"bank":"CITI","purpose":"Offers"}""");

        response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        var alice = await fixture.Grains.GetGrain<IUserGrain>(Alice.UserId).Get();
        Assert.DoesNotContain(alice.Consents, c => c.Purpose == ConsentPurpose.Offers);
    }
}
