using Actors.Accounts;
using Actors.Tests.Support;
using Actors.Users;

namespace Actors.Tests.Cluster;

/// <summary>A registered user with one account they own and have linked, as most user-grain tests start.</summary>
internal sealed record Customer(string UserId, IUserGrain User, string AccountId, IAccountGrain Account)
{
    public const string SelfActor = "user";
    public const string MessengerActor = ActorsConstants.MessengerActor;

    public static readonly UserProfile Profile = new("Alice Example", "en_US", "US", "msgr-1001");

    public static async Task<Customer> Create(IGrainFactory grains, string bank = "CHASE", long balanceMinor = 0)
    {
        var userId = TestIds.User();
        var user = grains.GetGrain<IUserGrain>(userId);
        await user.Register(Profile);
        var accountId = TestIds.Account(bank);
        var account = await OpenAndLink(grains, user, userId, accountId);
        if (balanceMinor > 0)
        {
            await account.Deposit("opening", Amounts.Usd(balanceMinor));
        }

        return new Customer(userId, user, accountId, account);
    }

    public Task<IAccountGrain> OpenAndLinkAnother(IGrainFactory grains, string bank) => OpenAndLink(grains, User, UserId, TestIds.Account(bank));

    private static async Task<IAccountGrain> OpenAndLink(IGrainFactory grains, IUserGrain user, string userId, string accountId)
    {
        var account = grains.GetGrain<IAccountGrain>(accountId);
        await account.Open(userId, "USD");
        await user.LinkAccount(accountId);
        return account;
    }
}
