using Actors.Accounts;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>Raises a fraud alert the way the built-in rules see it: three tiny card payments within minutes (card testing).</summary>
public static class FraudBursts
{
    /// <summary>The third payment (id <c>{prefix}-2</c>) is the one alerted.</summary>
    public static async Task CardTesting(GatewayFixture fixture, string accountId, string prefix)
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(accountId);
        for (var i = 0; i < 3; i++)
        {
            await account.Authorize(new CardAuthorization($"{prefix}-{i}", Money.Money.FromMinor(50, "USD"), "shop-9", 5999, "US",
                fixture.Time.GetUtcNow().AddMinutes(i)));
        }

        Assert.Contains(await account.GetAlerts(), a => a.TransactionId == $"{prefix}-2");
    }
}
