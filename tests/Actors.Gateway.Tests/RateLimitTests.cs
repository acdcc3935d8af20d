using System.Net;
using Actors.Gateway.Tests.Infrastructure;

namespace Actors.Gateway.Tests;

/// <summary>Each partner has its own token bucket; an empty bucket is 429 with problem details, other partners unaffected.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RateLimitTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_partner_over_its_burst_gets_429_while_another_partner_is_still_served()
    {
        var settings = fixture.Settings();
        settings["Actors:Gateway:RateLimit:TokenLimit"] = "3";
        settings["Actors:Gateway:RateLimit:TokensPerPeriod"] = "1";

        // A period far longer than the test: no token comes back while it runs.
        settings["Actors:Gateway:RateLimit:ReplenishmentPeriod"] = "1.00:00:00";
        using var http = new GatewayHttp(await fixture.StartGateway(settings));
        var alice = $"/v1/partner/users/{Personas.Alice.UserId}";

        for (var i = 0; i < 3; i++)
        {
            (await http.Get(alice, Personas.AcmeKey)).AssertOk();
        }

        var refused = await http.Get(alice, Personas.AcmeKey);

        var problem = refused.AssertProblem(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("acme", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        (await http.Get($"/v1/partner/users/{Personas.Bob.UserId}", Personas.GlobexKey)).AssertOk();
    }
}
