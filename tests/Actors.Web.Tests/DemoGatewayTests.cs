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
