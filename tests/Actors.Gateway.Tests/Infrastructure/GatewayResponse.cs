using System.Net;
using System.Text.Json;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>A finished response: status, headers and body (parsed as JSON when it is JSON).</summary>
public sealed record GatewayResponse(HttpStatusCode Status, HttpResponseMessage Message, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? ContentType => Message.Content.Headers.ContentType?.MediaType;

    /// <summary>Asserts an RFC 9457 problem: the status, the problem content type and the gateway's code.</summary>
    public JsonElement AssertProblem(HttpStatusCode status, string code)
    {
        Assert.True(status == Status, $"Expected {(int)status}, got {(int)Status}: {Body}");
        Assert.Equal("application/problem+json", ContentType);
        var json = Json;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
        return json;
    }

    public JsonElement AssertOk()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200, got {(int)Status}: {Body}");
        return Json;
    }
}
