using Actors.Accounts;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Gateway.Views;

namespace Actors.Gateway.Tests;

/// <summary>Balances beyond 2^53 stay exact for JavaScript clients: every amount also travels as a decimal string.</summary>
[Collection(GatewayCollection.Name)]
public sealed class LargeAmountTests(GatewayFixture fixture)
{
    private const long Beyond = MoneyView.MaxSafeInteger + 2; // 9007199254740993: a double rounds it to ...992

    [Fact]
    public async Task A_balance_above_2_pow_53_is_sent_exactly_as_minor_and_as_minor_text()
    {
        const string accountId = "CHASE:frankhb-big";
        var account = fixture.Grains.GetGrain<IAccountGrain>(accountId);
        await account.Open(Personas.Frank.UserId, "USD");
        await account.Deposit("big-1", new Money.Money(Beyond, Money.Currency.Parse("USD")));

        var response = await fixture.Http.Get($"/v1/bank/accounts/{Uri.EscapeDataString(accountId)}", Personas.ChaseKey);

        var balance = response.AssertOk().GetProperty("balance");
        Assert.Equal("9007199254740993", balance.GetProperty("minorText").GetString());
        Assert.Equal(Beyond, balance.GetProperty("minor").GetInt64());
        Assert.Contains("\"minor\":9007199254740993,", response.Body, StringComparison.Ordinal);
        Assert.NotEqual(Beyond, (long)(double)Beyond);
    }

    [Fact]
    public async Task A_posting_answer_carries_minor_text_too()
    {
        var response = await fixture.Http.Post($"/v1/bank/accounts/{Uri.EscapeDataString(Personas.Frank.Chase)}/deposits", Personas.ChaseKey,
            """{"transactionId":"text-dep-1","amountMinor":1,"currency":"USD"}""");

        var balance = response.AssertOk().GetProperty("balance");
        Assert.Equal(balance.GetProperty("minor").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), balance.GetProperty("minorText").GetString());
    }
}
