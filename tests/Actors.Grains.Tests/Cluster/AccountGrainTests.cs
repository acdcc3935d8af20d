using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;
using Orleans.Runtime;

namespace Actors.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class AccountGrainTests(ClusterFixture fixture)
{
    private async Task<IAccountGrain> OpenAccount(long balanceMinor = 0)
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(TestIds.Account("CHASE"));
        await account.Open("alice", "USD");
        if (balanceMinor > 0)
        {
            await account.Deposit("opening", Amounts.Usd(balanceMinor));
        }

        return account;
    }

    private bool IsActive(IAccountGrain account) => fixture.Cluster.TryGetGrainContext(account.GetGrainId(), out _);

    [Fact]
    public async Task Repeats_whose_answers_moved_to_history_pages_are_answered_from_the_pages_after_deactivation()
    {
        // 20 postings: two pages of 8 written, 4 pending; the window (32) still remembers every one of them.
        var account = await OpenAccount();
        var first = new List<PostingResult>();
        for (var i = 0; i < 10; i++)
        {
            first.Add(await account.Authorize(new CardAuthorization($"pay-{i}", Amounts.Usd(1), "M-1", 5411, "US")));
            await account.Deposit($"dep-{i}", Amounts.Usd(100 + i));
        }

        await fixture.Cluster.DeactivateAsync(account);
        var balance = (await account.GetSnapshot()).Balance;

        // A replay answers as the first time did (outcome, reason, balance after; the rules do not run again).
        foreach (var i in new[] { 0, 4 })
        {
            var replay = await account.Authorize(new CardAuthorization($"pay-{i}", Amounts.Usd(1), "M-1", 5411, "US"));
            Assert.Equal((first[i].Outcome, first[i].Reason, first[i].Balance, true), (replay.Outcome, replay.Reason, replay.Balance, replay.Replayed));
        }

        var again = await account.Deposit("dep-3", Amounts.Usd(103));
        Assert.True(again.Replayed);
        Assert.Equal(first[3].Balance + Amounts.Usd(103), again.Balance); // the balance right after dep-3 first posted
        await DomainAssert.ThrowsAsync(DomainError.TransactionIdReused, () => account.Deposit("dep-5", Amounts.Usd(999)), "'dep-5'");
        var after = await account.GetSnapshot();
        Assert.Equal((balance, 20L), (after.Balance, after.Postings));
    }

    [Fact]
    public async Task Repeated_deposit_after_deactivation_is_replayed_and_history_survives()
    {
        var account = await OpenAccount();
        var first = await account.Deposit("dep-1", Amounts.Usd(1_000));
        Assert.True(IsActive(account));

        await fixture.Cluster.DeactivateAsync(account);
        Assert.False(IsActive(account));

        var again = await account.Deposit("dep-1", Amounts.Usd(1_000));
        Assert.Equal(first with { Replayed = true }, again);

        var snapshot = await account.GetSnapshot();
        Assert.Equal((Amounts.Usd(1_000), 1L), (snapshot.Balance, snapshot.Postings));
        var history = await account.GetHistory(10);
        Assert.Equal("dep-1", Assert.Single(history).TransactionId);
    }

    [Fact]
    public async Task Declined_withdrawal_replays_as_declined_after_activation_collection()
    {
        var account = await OpenAccount(balanceMinor: 100);
        var first = await account.Withdraw("wd-1", Amounts.Usd(500));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.False(IsActive(account));

        await account.Deposit("dep-1", Amounts.Usd(1_000));
        var again = await account.Withdraw("wd-1", Amounts.Usd(500));

        Assert.Equal(DeclineReason.InsufficientFunds, first.Reason);
        Assert.Equal(first with { Replayed = true }, again);
        Assert.Equal(Amounts.Usd(1_100), (await account.GetSnapshot()).Balance);
        Assert.Equal(["dep-1", "wd-1", "opening"], (await account.GetHistory(10)).Select(h => h.TransactionId));
    }

    [Fact]
    public async Task History_is_bounded_newest_first_and_survives_deactivation()
    {
        var account = await OpenAccount();
        for (var i = 1; i <= 130; i++)
        {
            await account.Deposit($"dep-{i}", Amounts.Usd(1));
        }

        await fixture.Cluster.DeactivateAsync(account);
        var history = await account.GetHistory(1_000);

        Assert.Equal(AccountOptions.DefaultHistoryCapacity, history.Count);
        Assert.Equal(Enumerable.Range(31, 100).Reverse().Select(i => $"dep-{i}"), history.Select(h => h.TransactionId));
        Assert.Equal(130, history[0].BalanceAfterMinor);
        Assert.Equal(["dep-130", "dep-129"], (await account.GetHistory(2)).Select(h => h.TransactionId));

        // Across page boundaries (a page holds HistoryPageSize entries; 130 = 16 pages of 8 and 2 pending).
        foreach (var max in new[] { 3, 10, 11, 19, 99 })
        {
            Assert.Equal(Enumerable.Range(131 - max, max).Reverse().Select(i => $"dep-{i}"), (await account.GetHistory(max)).Select(h => h.TransactionId));
        }
    }

    [Fact]
    public async Task Domain_errors_cross_the_grain_boundary_with_their_kind_and_change_nothing()
    {
        var account = await OpenAccount(balanceMinor: 1_000);

        await DomainAssert.ThrowsAsync(DomainError.InvalidAmount, () => account.Deposit("dep-1", Amounts.Usd(0)), "must be positive");
        await DomainAssert.ThrowsAsync(DomainError.CurrencyMismatch, () => account.Withdraw("wd-1", Amounts.Eur(10)), "EUR");
        await DomainAssert.ThrowsAsync(DomainError.MalformedId, () => account.Deposit("dep 1", Amounts.Usd(10)), "transaction id");
        await DomainAssert.ThrowsAsync(DomainError.TransactionIdReused, () => account.Deposit("opening", Amounts.Usd(999)), "'opening'");
        await DomainAssert.ThrowsAsync(DomainError.InvalidAccountState, () => account.Close(), "zero balance");

        var snapshot = await account.GetSnapshot();
        Assert.Equal((Amounts.Usd(1_000), 1L, AccountStatus.Active), (snapshot.Balance, snapshot.Postings, snapshot.Status));
    }

    [Fact]
    public async Task Account_never_opened_answers_account_not_found()
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>(TestIds.Account("CHASE"));

        await DomainAssert.ThrowsAsync(DomainError.AccountNotFound, () => account.GetSnapshot(), "never opened");
        await DomainAssert.ThrowsAsync(DomainError.AccountNotFound, () => account.Deposit("dep-1", Amounts.Usd(10)));
        await DomainAssert.ThrowsAsync(DomainError.AccountNotFound, () => account.Authorize(TestAccounts.Card("card-1", Amounts.Usd(10))));
    }

    [Fact]
    public async Task Grain_with_a_malformed_account_id_refuses_calls_as_malformed()
    {
        var account = fixture.Grains.GetGrain<IAccountGrain>("not an account");

        await DomainAssert.ThrowsAsync(DomainError.MalformedId, () => account.Open("alice", "USD"), "'not an account'");
    }

    [Fact]
    public async Task Authorize_when_frozen_declines_with_reason()
    {
        var account = await OpenAccount(balanceMinor: 5_000);
        await account.Freeze("card reported stolen");

        var result = await account.Authorize(TestAccounts.Card("card-1", Amounts.Usd(100)));

        Assert.Equal(DeclineReason.AccountFrozen, result.Reason);
        Assert.Contains("card reported stolen", result.Message, StringComparison.Ordinal);
        Assert.Equal(Amounts.Usd(5_000), (await account.GetSnapshot()).Balance);
    }

    [Fact]
    public async Task Authorize_invalid_request_declines_as_invalid_over_the_wire()
    {
        var account = await OpenAccount(balanceMinor: 5_000);

        var result = await account.Authorize(new CardAuthorization("card-1", Amounts.Usd(100), "m-1", 5411, "usa"));

        Assert.Equal((PostingOutcome.Declined, DeclineReason.Invalid), (result.Outcome, result.Reason));
        Assert.Equal(0L, (await account.GetSnapshot()).Fraud.Authorizations);
    }
}
