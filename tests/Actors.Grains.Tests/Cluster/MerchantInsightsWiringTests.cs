using Actors.Accounts;
using Actors.Insights;
using Actors.Tests.Support;
using Actors.Users;

namespace Actors.Tests.Cluster;

/// <summary>From an approved card payment to the published, k-anonymous insight: only consenting users count.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MerchantInsightsWiringTests(ClusterFixture fixture)
{
    private const string Region = "SE";

    [Fact]
    public async Task Approved_payments_of_consenting_users_reach_the_published_insights_and_no_others()
    {
        for (var i = 0; i < 11; i++)
        {
            var customer = await Customer.Create(fixture.Grains, "CHASE", balanceMinor: 100_00);
            if (i < 10)
            {
                await customer.User.GrantConsent("CHASE", ConsentPurpose.MerchantInsights, null, Customer.SelfActor);
            }

            var paid = await customer.Account.Authorize(new CardAuthorization($"grocery-{i}", Amounts.Usd(12_00), "SE-GROCER-1", 5411, Region));
            Assert.True(paid.Approved, paid.ToString());
        }

        // The account records one-way; the collector pushes every second and on Flush. Wait for the bucket.
        var insights = fixture.Grains.GetGrain<IMerchantInsightsGrain>(Region);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        PublishedInsights published;
        while (true)
        {
            await fixture.Grains.GetGrain<IMerchantInsightsCollector>(0).Flush();
            published = await insights.Publish();
            if (published.Buckets.Any(b => b.Transactions >= 10) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        var bucket = Assert.Single(published.Buckets);
        Assert.Equal((10L, 10), (bucket.Transactions, bucket.DistinctUsers));
        Assert.Equal(Region, bucket.Region);
    }
}
