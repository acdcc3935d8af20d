using Actors.Accounts;
using Actors.Users;

namespace Actors.Observability.Tests.Infrastructure;

/// <summary>
/// A little of each thing the dashboard charts, sent through the Orleans client of a real silo: an
/// approved and a declined card authorization, a fraud alert (a card present in the US, then in Japan
/// a moment later: impossible travel) and a Messenger balance read refused for lack of consent.
/// Ids are fresh each time, so every call is counted (replays are not).
/// </summary>
public static class SampleTraffic
{
    public static async Task DriveAsync(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var local = Guid.NewGuid().ToString("N")[..12];
        var user = $"obs-{local}";
        var accountId = $"CHASE:{local}";
        await grains.GetGrain<IUserGrain>(user).Register(new UserProfile("Obs Example", "en_US", "US", $"m-{user}"));
        var account = grains.GetGrain<IAccountGrain>(accountId);
        await account.Open(user, "USD");
        await grains.GetGrain<IUserGrain>(user).LinkAccount(accountId);
        await account.Deposit($"{local}-dep", Usd(100_00));

        var approved = await account.Authorize(new CardAuthorization($"{local}-ok", Usd(2_00), "m-1", 5411, "US"));
        var declined = await account.Authorize(new CardAuthorization($"{local}-big", Usd(5_000_00), "m-1", 5411, "US"));
        var abroad = await account.Authorize(new CardAuthorization($"{local}-jp", Usd(3_00), "m-2", 5411, "JP"));
        var balance = await grains.GetGrain<IUserGrain>(user).GetBalanceForMessenger("CHASE", ActorsConstants.MessengerActor);

        Assert.True(approved.Approved, $"the first payment should be approved: {approved}");
        Assert.False(declined.Approved, $"a payment above the balance should be declined: {declined}");
        Assert.True(abroad.Fraud.Alerted, $"a payment in JP just after one in the US should raise a fraud alert: {abroad}");
        Assert.True(balance.Status == MessengerReadStatus.ConsentRequired, $"a balance read without BalanceView consent should be refused: {balance}");
    }

    private static Money.Money Usd(long minor) => Money.Money.FromMinor(minor, "USD");
}
