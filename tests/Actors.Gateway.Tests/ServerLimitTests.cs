using System.Net;
using Actors.Accounts;
using Actors.Gateway.Options;
using Actors.Gateway.Tests.Infrastructure;

namespace Actors.Gateway.Tests;

/// <summary>
/// Long URLs and large headers are refused by the gateway in problem details, and change nothing. Beyond Kestrel's
/// ceiling (4x the gateway's limits) and for requests Kestrel cannot parse, Kestrel answers itself: the status is
/// right, the body is empty, and no application code ran (documented in gateway/README.md).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ServerLimitTests(GatewayFixture fixture)
{
    private static readonly string Deposits = $"/v1/bank/accounts/{Uri.EscapeDataString(Personas.Frank.Chase)}/deposits";

    private async Task<Money.Money> FrankBalance() => (await fixture.Grains.GetGrain<IAccountGrain>(Personas.Frank.Chase).GetSnapshot()).Balance;

    private static Task<GatewayResponse> Deposit(GatewayHttp http, string path, string id, Action<HttpRequestMessage>? shape = null) =>
        http.Send(HttpMethod.Post, path, Personas.ChaseKey,
            new StringContent($$"""{"transactionId":"{{id}}","amountMinor":100,"currency":"USD"}""", System.Text.Encoding.UTF8, "application/json"), shape);

    [Fact]
    public async Task A_url_longer_than_the_limit_is_414_problem_details_and_nothing_posts()
    {
        var before = await FrankBalance();
        var path = Deposits + "?pad=" + new string('x', GatewayOptions.DefaultMaxRequestTargetBytes);

        var problem = (await Deposit(fixture.Http, path, "limit-url-1")).AssertProblem(HttpStatusCode.RequestUriTooLong, "url_too_long");

        Assert.Contains("2048", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await FrankBalance());
    }

    [Fact]
    public async Task Headers_larger_than_the_limit_are_431_problem_details_and_nothing_posts()
    {
        var before = await FrankBalance();

        var response = await Deposit(fixture.Http, Deposits, "limit-hdr-1", r => r.Headers.Add("X-Padding", new string('x', GatewayOptions.DefaultMaxRequestHeadersBytes)));

        response.AssertProblem(HttpStatusCode.RequestHeaderFieldsTooLarge, "headers_too_large");
        Assert.True(response.Message.Headers.CacheControl?.NoStore);
        Assert.Equal(before, await FrankBalance());
    }

    [Fact]
    public async Task A_request_just_inside_both_limits_is_served()
    {
        var response = await fixture.Http.Send(HttpMethod.Get, "/healthz?pad=" + new string('x', 1_500), null, null,
            r => r.Headers.Add("X-Padding", new string('x', 6_000)));

        response.AssertOk();
    }

    [Fact]
    public async Task Beyond_kestrels_ceiling_kestrel_answers_431_itself_with_an_empty_body()
    {
        var padding = new string('x', GatewayOptions.DefaultMaxRequestHeadersBytes * GatewayOptions.ServerLimitFactor);

        var response = await RawHttpResponse.Send(fixture.Http.BaseAddress, $"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: {padding}\r\nConnection: close\r\n\r\n");

        Assert.Equal(431, response.Status);
        Assert.Equal("", response.Body);
    }

    [Fact]
    public async Task Beyond_kestrels_ceiling_kestrel_answers_414_itself_with_an_empty_body()
    {
        var target = "/healthz?pad=" + new string('x', GatewayOptions.DefaultMaxRequestTargetBytes * GatewayOptions.ServerLimitFactor);

        var response = await RawHttpResponse.Send(fixture.Http.BaseAddress, $"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(414, response.Status);
        Assert.Equal("", response.Body);
    }

    [Theory]
    [InlineData("GET /healthz HTTP/1.1 trailing-garbage\r\nHost: localhost\r\n\r\n")]
    [InlineData("NOT-HTTP\r\n\r\n")]
    [InlineData("GET /healthz HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\nX: y\r\n\r\n")]
    [InlineData("GET /healthz HTTP/1.1\r\n\r\n")]
    public async Task A_request_kestrel_cannot_parse_is_400_from_kestrel_with_an_empty_body(string request)
    {
        var response = await RawHttpResponse.Send(fixture.Http.BaseAddress, request);

        Assert.Equal(400, response.Status);
        Assert.Equal("", response.Body);
    }

    [Fact]
    public async Task A_raw_long_url_inside_kestrels_ceiling_gets_problem_details()
    {
        var target = "/healthz?pad=" + new string('x', GatewayOptions.DefaultMaxRequestTargetBytes);

        var response = await RawHttpResponse.Send(fixture.Http.BaseAddress, $"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(414, response.Status);
        Assert.StartsWith("application/problem+json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("\"code\":\"url_too_long\"", response.Body, StringComparison.Ordinal);
    }
}
