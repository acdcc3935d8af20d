using System.Net;
using Actors.Accounts;
using Actors.Gateway.Tests.Infrastructure;

namespace Actors.Gateway.Tests;

/// <summary>Bank transfers over HTTP: between the bank's own accounts, in one currency, refused whole otherwise.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TransferEndpointTests(GatewayFixture fixture)
{
    private static string Transfers(string accountId) => $"/v1/bank/accounts/{Uri.EscapeDataString(accountId)}/transfers";

    private static string Body(string transferId, string to, long minor, string currency) =>
        $$"""{"transferId":"{{transferId}}","toAccount":"{{to}}","amountMinor":{{minor}},"currency":"{{currency}}"}""";

    private async Task<IAccountGrain> Open(string accountId, string currency, long minor)
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(accountId);
        await account.Open(Personas.Frank.UserId, currency);
        await account.Deposit("opening", Money.Money.FromMinor(minor, currency));
        return account;
    }

    [Fact]
    public async Task A_transfer_between_two_own_accounts_in_one_currency_completes()
    {
        var from = await Open("CHASE:frankhb-t1a", "USD", 10_000);
        var to = await Open("CHASE:frankhb-t1b", "USD", 0_100);

        var done = (await fixture.Http.Post(Transfers("CHASE:frankhb-t1a"), Personas.ChaseKey, Body("tr-ok-1", "CHASE:frankhb-t1b", 2_500, "USD"))).AssertOk();

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal((7_500L, 2_600L), ((await from.GetSnapshot()).Balance.Minor, (await to.GetSnapshot()).Balance.Minor));
    }

    [Fact]
    public async Task A_transfer_between_accounts_in_different_currencies_is_refused_and_nothing_posts_on_either()
    {
        var from = await Open("CHASE:frankhb-t2a", "USD", 10_000);
        var to = await Open("CHASE:frankhb-t2b", "EUR", 5_000);

        var problem = (await fixture.Http.Post(Transfers("CHASE:frankhb-t2a"), Personas.ChaseKey, Body("tr-mixed-1", "CHASE:frankhb-t2b", 2_500, "USD")))
            .AssertProblem(HttpStatusCode.BadRequest, "bad_amount");

        Assert.Contains("EUR", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((10_000L, 5_000L), ((await from.GetSnapshot()).Balance.Minor, (await to.GetSnapshot()).Balance.Minor));
        Assert.Equal(["opening"], (await from.GetHistory(10)).Select(h => h.TransactionId));
        Assert.Equal(["opening"], (await to.GetHistory(10)).Select(h => h.TransactionId));
    }

    [Fact]
    public async Task A_transfer_to_another_banks_account_is_403_and_nothing_moves()
    {
        var from = await Open("CHASE:frankhb-t3a", "USD", 10_000);
        var citi = fixture.Grains.GetGrain<IAccountGrain>(Personas.Frank.Accounts[1]);
        var citiBefore = await citi.GetSnapshot();

        (await fixture.Http.Post(Transfers("CHASE:frankhb-t3a"), Personas.ChaseKey, Body("tr-cross-1", Personas.Frank.Accounts[1], 100, "USD")))
            .AssertProblem(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(10_000L, (await from.GetSnapshot()).Balance.Minor);
        Assert.Equal(citiBefore.Postings, (await citi.GetSnapshot()).Postings);
    }
}
