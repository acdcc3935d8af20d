using System.Net;
using Actors.Accounts;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Users;

namespace Actors.Gateway.Tests;

/// <summary>
/// Defects 1 and 2 of issue 15: a number sent as a string and a field sent twice are refused on
/// every JSON body, with problem details naming the field, and nothing is posted.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StrictJsonTests(GatewayFixture fixture)
{
    private static readonly Persona Bob = Personas.Bob;
    private static string Deposits => $"/v1/bank/accounts/{Uri.EscapeDataString(Bob.Chase)}/deposits";

    [Theory]
    [InlineData("""{"transactionId":"t1","amountMinor":"100","currency":"USD"}""", "amountMinor")]
    [InlineData("""{"transactionId":"t1","amountMinor":1,"amountMinor":777,"currency":"USD"}""", "amountMinor")]
    [InlineData("""{"transactionId":"t1","amountMinor":1,"AmountMinor":777,"currency":"USD"}""", "AmountMinor")]
    [InlineData("""{"transactionId":"t1","amountMinor":"1e2","currency":"USD"}""", "amountMinor")]
    [InlineData("""{"transactionId":"t1","amountMinor":100,"currency":"USD","currency":"EUR"}""", "currency")]
    public async Task A_string_number_or_a_repeated_field_on_a_deposit_is_400_naming_the_field_and_posts_nothing(string body, string field)
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(Bob.Chase);
        var before = await account.GetSnapshot();
        var historyBefore = await account.GetHistory(50);

        var problem = (await fixture.Http.Post(Deposits, Personas.ChaseKey, body)).AssertProblem(HttpStatusCode.BadRequest, "malformed_body");

        Assert.Contains(field, problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(before.Balance, (await account.GetSnapshot()).Balance);
        Assert.Equal(historyBefore.Count, (await account.GetHistory(50)).Count);
    }

    [Fact]
    public async Task After_the_refused_requests_t1_is_still_unused_a_first_real_deposit_under_it_is_posted()
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(Bob.Chase);
        await fixture.Http.Post(Deposits, Personas.ChaseKey, """{"transactionId":"t1-fresh","amountMinor":"100","currency":"USD"}""");
        await fixture.Http.Post(Deposits, Personas.ChaseKey, """{"transactionId":"t1-fresh","amountMinor":1,"amountMinor":777,"currency":"USD"}""");
        var before = (await account.GetSnapshot()).Balance.Minor;

        var posted = (await fixture.Http.Post(Deposits, Personas.ChaseKey, """{"transactionId":"t1-fresh","amountMinor":5,"currency":"USD"}""")).AssertOk();

        Assert.Equal("Applied", posted.GetProperty("outcome").GetString());
        Assert.Equal(before + 5, (await account.GetSnapshot()).Balance.Minor);
    }

    [Theory]
    [InlineData("""{"bank":"CHASE","purpose":"Offers","purpose":"MerchantInsights"}""", "purpose")]
    [InlineData("""{"bank":"CITI","bank":"CHASE","purpose":"Offers"}""", "bank")]
    public async Task A_repeated_field_on_a_consent_grant_is_400_naming_it_and_grants_nothing(string body, string field)
    {
        var user = fixture.Grains.GetGrain<IUserGrain>(Bob.UserId);
        var before = (await user.Get()).Consents;

        var problem = (await fixture.Http.Post($"/v1/users/{Bob.UserId}/consents", Bob.Key, body)).AssertProblem(HttpStatusCode.BadRequest, "malformed_body");

        Assert.Contains(field, problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(before, (await user.Get()).Consents);
    }

    [Fact]
    public async Task A_repeated_field_on_a_freeze_is_400_and_leaves_the_account_active()
    {
        var problem = (await fixture.Http.Post($"/v1/bank/accounts/{Uri.EscapeDataString(Bob.Chase)}/freeze", Personas.ChaseKey,
            """{"reason":"a","reason":"b"}""")).AssertProblem(HttpStatusCode.BadRequest, "malformed_body");

        Assert.Contains("reason", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(AccountStatus.Active, (await fixture.Grains.GetGrain<IAccountGrain>(Bob.Chase).GetSnapshot()).Status);
    }
}
