using Actors.Accounts;
using Actors.Errors;
using Actors.Tests.Support;
using Actors.Transfers;

namespace Actors.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class TransferGrainTests(ClusterFixture fixture)
{
    private async Task<(string Id, IAccountGrain Grain)> OpenAccount(long balanceMinor, string currency = "USD")
    {
        var id = TestIds.Account("CHASE");
        var account = fixture.Grains.GetGrain<IAccountGrain>(id);
        await account.Open("alice", currency);
        if (balanceMinor > 0)
        {
            await account.Deposit("opening", Money.Money.FromMinor(balanceMinor, currency));
        }

        return (id, account);
    }

    private async Task<TransferResult> Transfer(TransferRequest request) =>
        await fixture.Grains.GetGrain<ITransferGrain>(request.TransferId).Execute(request);

    [Fact]
    public async Task Transfer_between_two_accounts_completes_and_moves_the_money()
    {
        var (fromId, from) = await OpenAccount(10_000);
        var (toId, to) = await OpenAccount(0);
        var request = new TransferRequest(TestIds.Transfer(), fromId, toId, Amounts.Usd(2_500));

        var result = await Transfer(request);

        Assert.Equal(TransferStatus.Completed, result.Status);
        Assert.Equal(Amounts.Usd(7_500), (await from.GetSnapshot()).Balance);
        Assert.Equal(Amounts.Usd(2_500), (await to.GetSnapshot()).Balance);
        Assert.Equal(TransferStatus.Completed, (await fixture.Grains.GetGrain<ITransferGrain>(request.TransferId).GetStatus()).Status);
    }

    [Fact]
    public async Task Transfer_executed_twice_moves_the_money_once()
    {
        var (fromId, from) = await OpenAccount(10_000);
        var (toId, to) = await OpenAccount(0);
        var request = new TransferRequest(TestIds.Transfer(), fromId, toId, Amounts.Usd(2_500));
        await Transfer(request);

        var again = await Transfer(request);

        Assert.Equal(TransferStatus.Completed, again.Status);
        Assert.Equal(Amounts.Usd(7_500), (await from.GetSnapshot()).Balance);
        Assert.Equal(Amounts.Usd(2_500), (await to.GetSnapshot()).Balance);
    }

    [Fact]
    public async Task Transfer_retried_after_its_grain_was_deactivated_answers_from_the_stored_record()
    {
        var (fromId, from) = await OpenAccount(10_000);
        var (toId, to) = await OpenAccount(0);
        var request = new TransferRequest(TestIds.Transfer(), fromId, toId, Amounts.Usd(2_500));
        await Transfer(request);

        await fixture.Cluster.DeactivateAsync(fixture.Grains.GetGrain<ITransferGrain>(request.TransferId));
        var again = await Transfer(request);

        Assert.Equal(TransferStatus.Completed, again.Status);
        Assert.Equal(Amounts.Usd(7_500), (await from.GetSnapshot()).Balance);
        Assert.Equal(Amounts.Usd(2_500), (await to.GetSnapshot()).Balance);
    }

    [Fact]
    public async Task Transfer_with_insufficient_funds_fails_and_nothing_moves()
    {
        var (fromId, from) = await OpenAccount(1_000);
        var (toId, to) = await OpenAccount(500);

        var result = await Transfer(new TransferRequest(TestIds.Transfer(), fromId, toId, Amounts.Usd(1_001)));

        Assert.Equal((TransferStatus.Failed, DeclineReason.InsufficientFunds), (result.Status, result.Reason));
        Assert.Equal(Amounts.Usd(1_000), (await from.GetSnapshot()).Balance);
        Assert.Equal(Amounts.Usd(500), (await to.GetSnapshot()).Balance);
    }

    [Fact]
    public async Task Transfer_to_a_frozen_account_is_reversed_and_the_money_returns()
    {
        var (fromId, from) = await OpenAccount(1_000);
        var (toId, to) = await OpenAccount(0);
        await to.Freeze("sanctions screening");

        var result = await Transfer(new TransferRequest(TestIds.Transfer(), fromId, toId, Amounts.Usd(400)));

        Assert.Equal((TransferStatus.Reversed, DeclineReason.AccountFrozen), (result.Status, result.Reason));
        Assert.Equal(Amounts.Usd(1_000), (await from.GetSnapshot()).Balance);
        Assert.Equal(Amounts.Usd(0), (await to.GetSnapshot()).Balance);
    }

    [Fact]
    public async Task Transfer_id_reused_with_another_amount_is_refused_across_the_boundary()
    {
        var (fromId, from) = await OpenAccount(10_000);
        var (toId, _) = await OpenAccount(0);
        var request = new TransferRequest(TestIds.Transfer(), fromId, toId, Amounts.Usd(2_500));
        await Transfer(request);

        await DomainAssert.ThrowsAsync(DomainError.TransactionIdReused, () => Transfer(request with { Amount = Amounts.Usd(2_600) }), request.TransferId);

        Assert.Equal(Amounts.Usd(7_500), (await from.GetSnapshot()).Balance);
    }

    [Fact]
    public async Task Transfer_between_accounts_in_different_currencies_is_refused_before_either_leg_posts()
    {
        var (fromId, from) = await OpenAccount(10_000);
        var (toId, to) = await OpenAccount(5_000, "EUR");
        var request = new TransferRequest(TestIds.Transfer(), fromId, toId, Amounts.Usd(2_500));

        await DomainAssert.ThrowsAsync(DomainError.CurrencyMismatch, () => Transfer(request), toId, "EUR", "nothing was posted");

        Assert.Equal((Amounts.Usd(10_000), 1L), ((await from.GetSnapshot()).Balance, (await from.GetSnapshot()).Postings));
        Assert.Equal((Money.Money.FromMinor(5_000, "EUR"), 1L), ((await to.GetSnapshot()).Balance, (await to.GetSnapshot()).Postings));
        Assert.Equal(["opening"], (await from.GetHistory(10)).Select(h => h.TransactionId));
        Assert.Equal(["opening"], (await to.GetHistory(10)).Select(h => h.TransactionId));
        await DomainAssert.ThrowsAsync(DomainError.TransferNotFound, () => fixture.Grains.GetGrain<ITransferGrain>(request.TransferId).GetStatus());
    }

    [Fact]
    public async Task Transfer_sent_to_the_grain_of_another_id_is_refused()
    {
        var (fromId, _) = await OpenAccount(10_000);
        var (toId, _) = await OpenAccount(0);
        var request = new TransferRequest(TestIds.Transfer(), fromId, toId, Amounts.Usd(1));

        await DomainAssert.ThrowsAsync(DomainError.InvalidArgument,
            () => fixture.Grains.GetGrain<ITransferGrain>(TestIds.Transfer()).Execute(request), request.TransferId);
    }

    [Fact]
    public async Task Status_of_a_transfer_never_started_is_not_found()
    {
        await DomainAssert.ThrowsAsync(DomainError.TransferNotFound, () => fixture.Grains.GetGrain<ITransferGrain>(TestIds.Transfer()).GetStatus());
    }
}
