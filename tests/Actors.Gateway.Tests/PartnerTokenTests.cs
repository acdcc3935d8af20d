using System.Net;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Users;

namespace Actors.Gateway.Tests;

/// <summary>
/// Partner tokens (JWT) authenticate a partner exactly as its API key does; expired, foreign-audience and
/// rotated-out tokens are 401 problem details, and a refused token reads nothing and writes nothing to the user's audit.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PartnerTokenTests(GatewayFixture fixture)
{
    private static readonly string BalancePath = $"/v1/partner/users/{Personas.Alice.UserId}/banks/CHASE/balance";

    private string Token(SigningKey key, TimeSpan lifetime, string audience = PartnerTokens.Audience) =>
        PartnerTokens.Issue(key, Personas.Acme, fixture.Time.GetUtcNow(), lifetime, audience);

    private async Task<int> AliceAuditCount() =>
        (await fixture.Grains.GetGrain<IUserGrain>(Personas.Alice.UserId).GetAuditLog()).Count;

    [Fact]
    public async Task A_valid_token_reads_as_the_partner_and_is_audited_as_it()
    {
        var response = await fixture.Http.GetWithToken(BalancePath, Token(PartnerTokens.Current, TimeSpan.FromMinutes(10)));

        Assert.Equal(Personas.Alice.Chase, response.AssertOk().GetProperty("items")[0].GetProperty("accountId").GetString());
        var log = await fixture.Grains.GetGrain<IUserGrain>(Personas.Alice.UserId).GetAuditLog();
        Assert.Equal("partner:acme", log.OrderByDescending(e => e.LastAt ?? e.At).First().Actor);
    }

    [Fact]
    public async Task A_token_expired_beyond_the_clock_skew_is_401_expired_credentials_and_changes_nothing()
    {
        var before = await AliceAuditCount();

        var response = await fixture.Http.GetWithToken(BalancePath, Token(PartnerTokens.Current, TimeSpan.FromMinutes(-2)));

        response.AssertProblem(HttpStatusCode.Unauthorized, "expired_credentials");
        Assert.Contains("Bearer", response.Message.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await AliceAuditCount());
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_still_accepted()
    {
        (await fixture.Http.GetWithToken(BalancePath, Token(PartnerTokens.Current, TimeSpan.FromSeconds(-10)))).AssertOk();
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401_invalid_credentials_and_changes_nothing()
    {
        var before = await AliceAuditCount();

        var response = await fixture.Http.GetWithToken(BalancePath, Token(PartnerTokens.Current, TimeSpan.FromMinutes(10), audience: "someone-else"));

        var problem = response.AssertProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Contains("audience", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await AliceAuditCount());
    }

    [Fact]
    public async Task After_rotation_a_token_of_the_removed_key_is_401_and_one_of_the_new_key_works()
    {
        var settings = fixture.Settings();
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Actors:Gateway:PartnerTokens:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }

        foreach (var (key, value) in PartnerTokens.Settings(PartnerTokens.Next))
        {
            settings[key] = value;
        }

        using var rotated = new GatewayHttp(await fixture.StartGateway(settings));
        var oldToken = Token(PartnerTokens.Current, TimeSpan.FromMinutes(10));
        (await fixture.Http.GetWithToken(BalancePath, oldToken)).AssertOk();
        var before = await AliceAuditCount();

        var problem = (await rotated.GetWithToken(BalancePath, oldToken)).AssertProblem(HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Contains("not (or no longer) configured", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await AliceAuditCount());
        (await rotated.GetWithToken(BalancePath, Token(PartnerTokens.Next, TimeSpan.FromMinutes(10)))).AssertOk();
    }

    [Fact]
    public async Task A_tampered_token_is_401_invalid_credentials()
    {
        var token = Token(PartnerTokens.Current, TimeSpan.FromMinutes(10));
        var tampered = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];

        (await fixture.Http.GetWithToken(BalancePath, tampered)).AssertProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task A_partner_token_cannot_use_the_user_api()
    {
        (await fixture.Http.GetWithToken($"/v1/users/{Personas.Alice.UserId}", Token(PartnerTokens.Current, TimeSpan.FromMinutes(10))))
            .AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}
