using System.Net;
using System.Text.Json;

namespace Actors.Web.Tests;

/// <summary>
/// The demo's partner gateway over real HTTP: the development keys it prints work on the same world the page shows,
/// and a request without one is refused as the gateway always refuses it.
/// </summary>
public sealed class DemoGatewayTests(WorldFixture world) : IClassFixture<WorldFixture>
{
    [Fact]
    public async Task A_bank_key_reads_its_own_account_through_the_gateway()
    {
        var (_, _, accountId, bank) = world.TakeUser();
        var key = Assert.Single(world.Host.DevelopmentKeys, k => k.Role == "Bank" && k.Subject == bank);
        using var http = new HttpClient { BaseAddress = world.Host.GatewayUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/bank/accounts/{Uri.EscapeDataString(accountId)}");
        request.Headers.Add("X-Api-Key", key.Key);

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Contains(accountId, body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task The_partner_key_reads_a_person_once_the_person_links_it_with_their_user_key()
    {
        var user = world.Host.World.Population.UserIds[0]; // the person the printed user key belongs to
        var userKey = Assert.Single(world.Host.DevelopmentKeys, k => k.Role == "User").Key;
        var partnerKey = Assert.Single(world.Host.DevelopmentKeys, k => k.Role == "Partner").Key;
        using var http = new HttpClient { BaseAddress = world.Host.GatewayUrl };

        using var before = await Send(http, HttpMethod.Get, $"v1/partner/users/{user}", partnerKey);
        using var link = await Send(http, HttpMethod.Put, $"v1/users/{user}/partners/{Actors.ActorsConstants.MessengerActor}", userKey);
        using var after = await Send(http, HttpMethod.Get, $"v1/partner/users/{user}", partnerKey);
        var body = await after.Content.ReadAsStringAsync();

        Assert.Contains("\"linked\":false", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        Assert.True(after.StatusCode == HttpStatusCode.OK, $"{(int)after.StatusCode}: {body}");
        Assert.Contains("\"linked\":true", body, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", key);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Without_a_key_the_gateway_answers_401_and_every_role_has_a_key()
    {
        var (_, _, accountId, _) = world.TakeUser();
        using var http = new HttpClient { BaseAddress = world.Host.GatewayUrl };

        using var response = await http.GetAsync($"v1/bank/accounts/{Uri.EscapeDataString(accountId)}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["Bank", "Partner", "User"], world.Host.DevelopmentKeys.Select(k => k.Role).Distinct().Order());
        Assert.Equal(world.Host.DevelopmentKeys.Count, world.Host.DevelopmentKeys.Select(k => k.Key).Distinct().Count());
    }
}
