using System.Text.Json;
using Actors.Gateway.Tests.Infrastructure;

namespace Actors.Gateway.Tests;

/// <summary>The OpenAPI document a client generator reads: the role and the security answers of every operation, exact amounts.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenApiDocumentTests(GatewayFixture fixture)
{
    private async Task<JsonElement> Document() => (await fixture.Http.Get("/openapi/v1.json", key: null)).AssertOk();

    private static string RoleOf(string path) =>
        path.StartsWith("/v1/partner/", StringComparison.Ordinal) ? "partner"
        : path.StartsWith("/v1/users/", StringComparison.Ordinal) ? "user"
        : path.StartsWith("/v1/bank/", StringComparison.Ordinal) ? "bank"
        : throw new InvalidOperationException($"No role expected for {path}.");

    [Fact]
    public async Task Every_operation_declares_401_403_and_429_as_problem_details_and_the_role_it_needs()
    {
        var operations = 0;
        foreach (var path in (await Document()).GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete"))
            {
                operations++;
                var where = $"{operation.Name} {path.Name}";
                var role = RoleOf(path.Name);
                Assert.True(operation.Value.TryGetProperty("x-actors-role", out var declared), $"{where}: no x-actors-role");
                Assert.Equal(role, declared.GetString());
                Assert.Contains($"Requires a {role} credential.", operation.Value.GetProperty("description").GetString(), StringComparison.Ordinal);
                var responses = operation.Value.GetProperty("responses");
                foreach (var status in new[] { "401", "403", "429" })
                {
                    Assert.True(responses.TryGetProperty(status, out var response), $"{where}: no {status}");
                    Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{where}: {status} is not problem details");
                }

                Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _), $"{where}: 429 without Retry-After");
            }
        }

        Assert.True(operations >= 20, $"only {operations} operations in the document");
    }

    [Fact]
    public async Task Money_declares_minor_text_for_amounts_beyond_2_pow_53()
    {
        var money = (await Document()).GetProperty("components").GetProperty("schemas").GetProperty("MoneyView").GetProperty("properties");

        Assert.Equal("string", money.GetProperty("minorText").GetProperty("type").GetString());
        Assert.Contains("2^53", money.GetProperty("minor").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
