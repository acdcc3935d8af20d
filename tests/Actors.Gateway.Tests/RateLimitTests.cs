using System.Net;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Users;

namespace Actors.Gateway.Tests;

/// <summary>
/// Every caller has its own token bucket (partners, users and banks by their id, requests without
/// valid credentials by IP address); an empty bucket is 429 with problem details and Retry-After,
/// refused requests spend tokens too, and other callers are unaffected.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RateLimitTests(GatewayFixture fixture)
{
    /// <summary>A gateway where <paramref name="limit"/> allows a burst of <paramref name="burst"/> and no token comes back while the test runs.</summary>
    private async Task<GatewayHttp> Limited(string limit, int burst)
    {
        var settings = fixture.Settings();
        settings[$"Actors:Gateway:{limit}:TokenLimit"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[$"Actors:Gateway:{limit}:TokensPerPeriod"] = "1";
        settings[$"Actors:Gateway:{limit}:ReplenishmentPeriod"] = "1.00:00:00";
        return new GatewayHttp(await fixture.StartGateway(settings));
    }

    private static void AssertLimited(GatewayResponse refused, string subject)
    {
        var problem = refused.AssertProblem(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains(subject, problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.True(refused.Message.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {refused.Message.Headers.RetryAfter}");
    }

    [Fact]
    public async Task A_partner_over_its_burst_gets_429_while_another_partner_is_still_served()
    {
        using var http = await Limited("RateLimit", 3);
        var alice = $"/v1/partner/users/{Personas.Alice.UserId}";

        for (var i = 0; i < 3; i++)
        {
            (await http.Get(alice, Personas.AcmeKey)).AssertOk();
        }

        AssertLimited(await http.Get(alice, Personas.AcmeKey), "acme");
        (await http.Get($"/v1/partner/users/{Personas.Bob.UserId}", Personas.GlobexKey)).AssertOk();
    }

    [Fact]
    public async Task A_user_flooding_another_users_data_is_limited_and_only_the_admitted_denials_reach_the_victims_log()
    {
        using var http = await Limited("UserRateLimit", 3);
        var carol = Personas.Carol;
        var denialsBefore = await Denials(carol.UserId);

        for (var i = 0; i < 3; i++)
        {
            (await http.Get($"/v1/users/{carol.UserId}/audit", Personas.Bob.Key)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        }

        AssertLimited(await http.Get($"/v1/users/{carol.UserId}/audit", Personas.Bob.Key), "user:bobvx");
        Assert.Equal(denialsBefore + 3, await Denials(carol.UserId));
        (await http.Get($"/v1/users/{carol.UserId}", carol.Key)).AssertOk();
    }

    [Fact]
    public async Task A_bank_over_its_burst_gets_429()
    {
        using var http = await Limited("BankRateLimit", 2);
        var account = $"/v1/bank/accounts/{Uri.EscapeDataString(Personas.Frank.Chase)}";

        (await http.Get(account, Personas.ChaseKey)).AssertOk();
        (await http.Get(account, Personas.ChaseKey)).AssertOk();

        AssertLimited(await http.Get(account, Personas.ChaseKey), "bank:CHASE");
        (await http.Get($"/v1/bank/accounts/{Uri.EscapeDataString(Personas.Frank.Accounts[1])}", Personas.CitiKey)).AssertOk();
    }

    [Fact]
    public async Task Requests_without_valid_credentials_are_limited_per_address_and_callers_with_a_key_are_not()
    {
        using var http = await Limited("UnauthenticatedRateLimit", 2);
        var balance = $"/v1/partner/users/{Personas.Alice.UserId}/banks/CHASE/balance";

        (await http.Get(balance, key: null)).AssertProblem(HttpStatusCode.Unauthorized, "missing_credentials");
        (await http.Get(balance, "guessed-key-0123456789")).AssertProblem(HttpStatusCode.Unauthorized, "invalid_credentials");

        AssertLimited(await http.Get(balance, key: null), "127.0.0.1");
        AssertLimited(await http.Get(balance, "guessed-key-9876543210"), "127.0.0.1");
        (await http.Get(balance, Personas.AcmeKey)).AssertOk();
    }

    private async Task<long> Denials(string userId) =>
        (await fixture.Grains.GetGrain<IUserGrain>(userId).GetAuditLog()).Where(e => e.Outcome == AuditOutcome.Denied && e.Actor == "another-user").Sum(e => e.Occurrences);
}
