using System.Net;
using Actors.Gateway.Tests.Infrastructure;

namespace Actors.Gateway.Tests;

/// <summary>Missing, unknown and expired API keys are 401 with a body saying which; OpenAPI and health need none.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthenticationTests(GatewayFixture fixture)
{
    private static readonly string BalancePath = $"/v1/partner/users/{Personas.Alice.UserId}/banks/CHASE/balance";

    [Fact]
    public async Task No_key_is_401_missing_credentials_with_a_challenge()
    {
        var response = await fixture.Http.Get(BalancePath, key: null);

        response.AssertProblem(HttpStatusCode.Unauthorized, "missing_credentials");
        Assert.Contains("X-Api-Key", response.Message.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_is_401_invalid_credentials()
    {
        (await fixture.Http.Get(BalancePath, "not-a-key-anyone-was-given")).AssertProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task An_expired_key_is_401_expired_credentials()
    {
        (await fixture.Http.Get(BalancePath, Personas.ExpiredKey)).AssertProblem(HttpStatusCode.Unauthorized, "expired_credentials");
    }

    [Fact]
    public async Task A_key_works_until_its_expiry_and_is_refused_after_it()
    {
        (await fixture.Http.Get(BalancePath, Personas.ExpiringKey)).AssertOk();

        fixture.Time.Advance(TimeSpan.FromDays(31));

        (await fixture.Http.Get(BalancePath, Personas.ExpiringKey)).AssertProblem(HttpStatusCode.Unauthorized, "expired_credentials");
    }

    [Theory]
    [InlineData("/v1/users/alicezq")]
    [InlineData("/v1/bank/accounts/CHASE:alicezq-1")]
    public async Task Every_api_refuses_a_call_without_a_key(string path)
    {
        (await fixture.Http.Get(path, key: null)).AssertProblem(HttpStatusCode.Unauthorized, "missing_credentials");
    }

    [Fact]
    public async Task The_openapi_document_is_served_without_a_key_and_lists_the_endpoints()
    {
        var json = (await fixture.Http.Get("/openapi/v1.json", key: null)).AssertOk();

        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/v1/partner/users/{userId}/banks/{bank}/balance", paths);
        Assert.Contains("/v1/partner/users/{userId}/banks/{bank}/notifications/stream", paths);
        Assert.Contains("/v1/users/{userId}/consents", paths);
        Assert.Contains("/v1/bank/accounts/{accountId}/alerts/{transactionId}/confirm", paths);
        var scheme = json.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await fixture.Http.Get("/v1/nothing-here", Personas.AcmeKey);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }
}
