using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;

namespace Actors.Tests.Cluster;

/// <summary>
/// Idempotency by time on a real account grain: a repeat is answered as a replay for the idempotency horizon (24 h of
/// the account's clock, the fixture's fake one) whatever the number of postings in between, also after deactivation;
/// past the horizon it is refused as transaction_id_expired. Balances never move on a repeat.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountIdempotencyHorizonTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Posting_repeated_after_1000_other_postings_and_a_deactivation_is_replayed_with_balance_unchanged()
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(TestIds.Account("CHASE"));
        await account.Open("alice", "USD");
        var first = await account.Deposit("salary-1", Amounts.Usd(5_000));
        var firstPayment = await account.Authorize(new CardAuthorization("pay-first", Amounts.Usd(7), "M-1", 5411, "US"));
        for (var i = 0; i < 1_000; i++)
        {
            await account.Deposit($"dep-{i}", Amounts.Usd(1));
        }

        var before = await account.GetSnapshot();
        var again = await account.Deposit("salary-1", Amounts.Usd(5_000));
        Assert.Equal(first with { Replayed = true }, again);

        await fixture.Cluster.DeactivateAsync(account);
        var afterReactivation = await account.Deposit("salary-1", Amounts.Usd(5_000));
        Assert.Equal(first with { Replayed = true }, afterReactivation);
        var payment = await account.Authorize(new CardAuthorization("pay-first", Amounts.Usd(7), "M-1", 5411, "US"));
        Assert.Equal((firstPayment.Outcome, firstPayment.Balance, true), (payment.Outcome, payment.Balance, payment.Replayed));
        Assert.True((await account.Deposit("dep-500", Amounts.Usd(1))).Replayed);
        await DomainAssert.ThrowsAsync(DomainError.TransactionIdReused, () => account.Deposit("dep-3", Amounts.Usd(2)), "'dep-3'");

        var after = await account.GetSnapshot();
        Assert.Equal((before.Balance, before.Postings), (after.Balance, after.Postings));
        Assert.Equal(Amounts.Usd(5_000 - 7 + 1_000), after.Balance);
    }

    [Fact]
    public async Task Posting_repeated_past_the_horizon_is_refused_as_expired_with_balance_unchanged()
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(TestIds.Account("CHASE"));
        await account.Open("alice", "USD");
        await account.Deposit("dep-old", Amounts.Usd(100));
        for (var i = 0; i < 40; i++)
        {
            await account.Deposit($"dep-{i}", Amounts.Usd(1)); // dep-old leaves the pending entries for a page
        }

        fixture.Time.Advance(AccountOptions.DefaultIdempotencyHorizon - TimeSpan.FromMinutes(1));
        Assert.True((await account.Deposit("dep-old", Amounts.Usd(100))).Replayed);

        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await fixture.Cluster.DeactivateAsync(account);
        var before = await account.GetSnapshot();
        await DomainAssert.ThrowsAsync(DomainError.TransactionIdExpired, () => account.Deposit("dep-old", Amounts.Usd(100)), "transaction_id_expired", "'dep-old'");
        await DomainAssert.ThrowsAsync(DomainError.TransactionIdExpired, () => account.Deposit("dep-39", Amounts.Usd(1)));

        var after = await account.GetSnapshot();
        Assert.Equal((Amounts.Usd(140), before.Postings), (after.Balance, after.Postings));
    }

    [Fact]
    public async Task Pages_past_the_horizon_and_the_expired_id_retention_are_dropped_and_their_ids_forgotten()
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(TestIds.Account("CHASE"));
        await account.Open("alice", "USD");
        await account.Deposit("dep-old", Amounts.Usd(100));
        for (var i = 0; i < 200; i++)
        {
            await account.Deposit($"dep-{i}", Amounts.Usd(1));
        }

        fixture.Time.Advance(AccountOptions.DefaultIdempotencyHorizon + AccountOptions.DefaultExpiredIdRetention + TimeSpan.FromMinutes(2));
        for (var i = 200; i < 400; i++)
        {
            await account.Deposit($"dep-{i}", Amounts.Usd(1)); // each flush retires the pages that are both old and past the capacity
        }

        // The oldest page is gone (history capacity 100 and 2 days old): its id is unknown and posts anew.
        var late = await account.Deposit("dep-old", Amounts.Usd(100));
        Assert.False(late.Replayed);
        Assert.Equal(Amounts.Usd(100 + 400 + 100), late.Balance);
        var history = await account.GetHistory(1_000);
        Assert.Equal(AccountOptions.DefaultHistoryCapacity, history.Count);
    }
}
