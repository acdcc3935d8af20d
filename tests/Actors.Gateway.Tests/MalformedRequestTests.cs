using System.Net;
using System.Text;
using Actors.Gateway.Tests.Infrastructure;

namespace Actors.Gateway.Tests;

/// <summary>Every bad request gets a problem-details answer that says what was wrong, and changes nothing.</summary>
[Collection(GatewayCollection.Name)]
public sealed class MalformedRequestTests(GatewayFixture fixture)
{
    private static readonly Persona Alice = Personas.Alice;
    private static readonly string Consents = $"/v1/users/{Alice.UserId}/consents";

    [Theory]
    [InlineData("""{"bank":"CHASE","purpose":"Offers""", "malformed_body")]
    [InlineData("not json at all", "malformed_body")]
    [InlineData("""{"bank":"CHASE","purpose":"Offers","sneaky":true}""", "malformed_body")]
    [InlineData("""{"bank":42,"purpose":"Offers"}""", "malformed_body")]
    [InlineData("""{"bank":"CHASE","purpose":5}""", "malformed_body")]
    [InlineData("""{"bank":"CHASE","purpose":"Everything"}""", "malformed_body")]
    [InlineData("""{"purpose":"Offers"}""", "malformed_body")]
    [InlineData("""{"bank":null,"purpose":"Offers"}""", "malformed_body")]
    [InlineData("""{"bank":"CHASE","purpose":"Offers","expiresAt":"soon"}""", "malformed_body")]
    [InlineData("""{"bank":"chase!","purpose":"Offers"}""", "bad_id")]
    [InlineData("""{"bank":"CHASE","purpose":"Offers","expiresAt":"2001-01-01T00:00:00Z"}""", "bad_argument")]
    public async Task A_bad_consent_body_is_400_and_grants_nothing(string body, string code)
    {
        var response = await fixture.Http.Post(Consents, Alice.Key, body);

        response.AssertProblem(HttpStatusCode.BadRequest, code);
        var alice = await fixture.Grains.GetGrain<Users.IUserGrain>(Alice.UserId).Get();
        Assert.DoesNotContain(alice.Consents, c => c.Purpose == Users.ConsentPurpose.Offers);
    }

    [Fact]
    public async Task An_unknown_field_is_named_in_the_message()
    {
        var problem = (await fixture.Http.Post(Consents, Alice.Key, """{"bank":"CHASE","purpose":"Offers","sneaky":true}""")).AssertProblem(HttpStatusCode.BadRequest, "malformed_body");

        Assert.Contains("sneaky", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_type_names_the_field()
    {
        var problem = (await fixture.Http.Post(Consents, Alice.Key, """{"bank":42,"purpose":"Offers"}""")).AssertProblem(HttpStatusCode.BadRequest, "malformed_body");

        Assert.Contains("bank", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var body = $$"""{"bank":"CHASE","purpose":"Offers","pad":"{{new string('x', 20_000)}}"}""";

        (await fixture.Http.Post(Consents, Alice.Key, body)).AssertProblem(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task An_oversized_chunked_body_is_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 40_000) + "{}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Consents) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Api-Key", Alice.Key);
        using var client = new HttpClient { BaseAddress = fixture.Http.BaseAddress };

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_content_type_is_415()
    {
        (await fixture.Http.Post(Consents, Alice.Key, "bank=CHASE", "text/plain")).AssertProblem(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_missing_body_is_400()
    {
        (await fixture.Http.Send(HttpMethod.Post, Consents, Alice.Key)).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
    }

    [Theory]
    [InlineData("/v1/partner/users/has%20space/banks/CHASE/balance")]
    [InlineData("/v1/partner/users/alicezq/banks/chase/balance")]
    [InlineData("/v1/partner/users/alicezq/banks/C/balance")]
    public async Task A_malformed_id_in_the_path_is_400_bad_id(string path)
    {
        (await fixture.Http.Get(path, Personas.AcmeKey)).AssertProblem(HttpStatusCode.BadRequest, "bad_id");
    }

    [Fact]
    public async Task A_malformed_partner_id_is_400_bad_id()
    {
        (await fixture.Http.Put($"/v1/users/{Alice.UserId}/partners/{new string('p', 40)}", Alice.Key)).AssertProblem(HttpStatusCode.BadRequest, "bad_id");
    }

    [Fact]
    public async Task A_wrongly_typed_query_value_is_400()
    {
        (await fixture.Http.Get($"/v1/partner/users/{Alice.UserId}/banks/CHASE/transactions?limit=lots", Personas.AcmeKey)).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
    }
}
