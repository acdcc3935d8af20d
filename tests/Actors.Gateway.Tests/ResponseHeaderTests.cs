using System.Net;
using Actors.Gateway.Tests.Infrastructure;

namespace Actors.Gateway.Tests;

/// <summary>Every answer may carry personal data: none is stored by a cache, none is sniffed as another content type.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ResponseHeaderTests(GatewayFixture fixture)
{
    public static TheoryData<string, string, string?, string?> Requests => new()
    {
        { "GET", $"/v1/partner/users/{Personas.Alice.UserId}/banks/CHASE/balance", Personas.AcmeKey, null },
        { "GET", $"/v1/users/{Personas.Alice.UserId}/audit", Personas.Alice.Key, null },
        { "GET", $"/v1/users/{Personas.Alice.UserId}", null, null },
        { "GET", $"/v1/users/{Personas.Bob.UserId}", Personas.Alice.Key, null },
        { "GET", "/v1/no-such-endpoint", Personas.AcmeKey, null },
        { "POST", $"/v1/users/{Personas.Alice.UserId}/consents", Personas.Alice.Key, "{not json" },
        { "GET", "/openapi/v1.json", null, null },
        { "GET", "/healthz", null, null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_response_says_no_store_and_nosniff(string method, string path, string? key, string? body)
    {
        var response = method == "GET" ? await fixture.Http.Get(path, key) : await fixture.Http.Post(path, key, body);

        Assert.True(response.Message.Headers.CacheControl?.NoStore, $"{method} {path} ({(int)response.Status}): Cache-Control '{response.Message.Headers.CacheControl}'");
        Assert.Equal(["nosniff"], response.Message.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_problem_raised_by_an_exception_keeps_the_headers()
    {
        var response = await fixture.Http.Get("/v1/bank/accounts/CHASE:nobody-9", Personas.ChaseKey);

        response.AssertProblem(HttpStatusCode.NotFound, "not_found");
        Assert.True(response.Message.Headers.CacheControl?.NoStore);
        Assert.Equal(["nosniff"], response.Message.Headers.GetValues("X-Content-Type-Options"));
    }
}
