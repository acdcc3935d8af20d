using Actors.Accounts;
using Actors.Hosting;
using Actors.Tests.Support;
using Actors.Users;

namespace Actors.Tests.Cluster;

/// <summary>
/// Notifications over the Stream transport (memory streams), on the embedded silo as the programs start
/// it with <c>Actors:Notifications:Transport=Stream</c>. Delivery is asynchronous, so tests wait for a message with a deadline; to
/// prove that something was NOT delivered they send a later sentinel on the same account and wait for
/// it: per-account order means anything sent before it would have arrived first.
/// </summary>
public sealed class StreamNotificationTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private ActorsCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ActorsCluster.StartEmbeddedAsync(new Dictionary<string, string?>
    {
        [$"{Actors.Domain.NotificationOptions.SectionName}:Transport"] = Actors.Domain.NotificationOptions.StreamTransport,
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static async Task<IReadOnlyList<InboxMessage>> WaitForInbox(IUserGrain user, string transactionId)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var inbox = await user.GetInbox();
            if (inbox.Any(m => m.TransactionId == transactionId))
            {
                return inbox;
            }

            Assert.True(DateTime.UtcNow < until, $"Waited {Deadline.TotalSeconds} s for notification '{transactionId}' in the inbox; it holds [{string.Join(", ", inbox.Select(m => m.TransactionId))}].");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Notifications_arrive_through_the_stream_in_order_per_account()
    {
        var customer = await Customer.Create(_cluster.Grains, "CHASE");
        await customer.User.GrantConsent("CHASE", ConsentPurpose.TransactionNotifications, null, Customer.SelfActor);

        var ids = Enumerable.Range(1, 20).Select(i => $"dep-{i}").ToArray();
        foreach (var id in ids)
        {
            await customer.Account.Deposit(id, Amounts.Usd(100));
        }

        var inbox = await WaitForInbox(customer.User, ids[^1]);

        Assert.Equal(ids, inbox.Select(m => m.TransactionId ?? "").ToArray());
        Assert.Equal([1_00, 2_00, 3_00], inbox.Take(3).Select(m => m.Balance.Minor).ToArray());
    }

    [Fact]
    public async Task A_revoke_stops_notifications_at_once_and_other_banks_never_get_in()
    {
        var customer = await Customer.Create(_cluster.Grains, "CHASE");
        var citi = await customer.OpenAndLinkAnother(_cluster.Grains, "CITI");
        await customer.User.GrantConsent("CHASE", ConsentPurpose.TransactionNotifications, null, Customer.SelfActor);

        await citi.Deposit("citi-unconsented", Amounts.Usd(100));
        await customer.Account.Deposit("before-revoke", Amounts.Usd(100));
        await WaitForInbox(customer.User, "before-revoke");

        await customer.User.RevokeConsent("CHASE", ConsentPurpose.TransactionNotifications, Customer.SelfActor);
        await customer.Account.Deposit("after-revoke", Amounts.Usd(100));
        await customer.User.GrantConsent("CHASE", ConsentPurpose.TransactionNotifications, null, Customer.SelfActor);
        await customer.Account.Deposit("sentinel", Amounts.Usd(100));

        var inbox = await WaitForInbox(customer.User, "sentinel");
        Assert.Equal(["before-revoke", "sentinel"], inbox.Select(m => m.TransactionId ?? "").ToArray());
    }
}
