using System.Globalization;
using Actors.Accounts;
using Actors.Domain;
using Actors.Tests.Support;
using Actors.Transfers;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests.Invariants;

/// <summary>
/// Plays one <see cref="ConservationWorld"/> against real ledgers and sagas, checking after every step
/// that the money in the accounts plus the money held by unfinished transfers equals what was
/// deposited minus what was spent, and that no balance is negative. Ends by resuming every
/// unfinished saga, after which the accounts alone must hold exactly deposits minus spends.
/// </summary>
internal sealed class ConservationRun
{
    private readonly ConservationWorld _world;
    private readonly FakeTimeProvider _time = new(TestAccounts.Now);
    private readonly InMemoryTransferLegs _legs;
    private readonly AccountLedger[] _accounts;
    private readonly Dictionary<int, TransferSaga> _sagas = [];
    private long _deposited;
    private long _spent;

    public ConservationRun(ConservationWorld world)
    {
        _world = world;
        _legs = new InMemoryTransferLegs(_time);
        _accounts = Enumerable.Range(0, world.Accounts).Select(i => TestAccounts.Open(accountId: AccountId(i))).ToArray();
        foreach (var account in _accounts)
        {
            _legs.Add(account);
        }
    }

    public async Task Play()
    {
        for (var i = 0; i < _world.Steps.Length; i++)
        {
            await Apply(_world.Steps[i]);
            _legs.ArmedFault = LegFault.None;
            AssertConserved($"after step {i} ({_world.Steps[i]})");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        foreach (var (slot, saga) in _sagas)
        {
            var result = await saga.Resume();
            Assert.True(result.IsTerminal, $"transfer {TransferId(slot)} is {result.Status} after a clean resume");
        }

        AssertConserved("after resuming every saga");
        Assert.All(_sagas.Keys, slot => Assert.Equal(0, _legs.HeldBy(TransferId(slot))));
        Assert.Equal(_deposited - _spent, _accounts.Sum(a => a.State.BalanceMinor));
    }

    private static string AccountId(int index) => $"BANK:{index.ToString(CultureInfo.InvariantCulture)}";

    private static string TransferId(int slot) => $"t{slot.ToString(CultureInfo.InvariantCulture)}";

    private async Task Apply(ConservationStep step)
    {
        switch (step)
        {
            case DepositStep s:
                Count(_accounts[s.Account].Deposit($"dep-{s.Slot}", _world.DepositAmounts[s.Slot]), ref _deposited);
                break;
            case WithdrawStep s:
                Count(_accounts[s.Account].Withdraw($"wd-{s.Slot}", _world.SpendAmounts[s.Slot]), ref _spent);
                break;
            case CardStep s:
                Count(_accounts[s.Account].Pay($"card-{s.Slot}", _world.SpendAmounts[s.Slot]), ref _spent);
                break;
            case TransferStep s:
                await Transfer(s);
                break;
            case ResumeStep s when _sagas.TryGetValue(s.Slot, out var saga):
                await saga.Resume();
                break;
            case ResumeStep:
                break;
            case FreezeToggleStep s:
                ToggleFreeze(_accounts[s.Account]);
                break;
            default:
                throw new InvalidOperationException($"Unknown step {step}.");
        }
    }

    private async Task Transfer(TransferStep step)
    {
        var plan = _world.Transfers[step.Slot];
        var id = TransferId(step.Slot);
        if (!_sagas.TryGetValue(step.Slot, out var saga))
        {
            saga = new TransferSaga(_legs, new InMemoryTransferJournal(), _time);
            _sagas.Add(step.Slot, saga);
        }

        _legs.ArmedFault = step.Fault;
        try
        {
            await saga.Execute(new TransferRequest(id, AccountId(plan.From), AccountId(plan.To), Amounts.Usd(plan.AmountMinor)));
        }
        catch (TransientLegException)
        {
            // The caller saw a timeout; the saga stays unfinished until a later retry or resume.
        }
    }

    private static void Count(PostingResult result, ref long total)
    {
        if (result.Approved && !result.Replayed)
        {
            total += result.Amount.Minor;
        }
    }

    private static void ToggleFreeze(AccountLedger account)
    {
        if (account.State.Status == AccountStatus.Frozen)
        {
            account.Unfreeze();
        }
        else
        {
            account.Freeze("frozen by the property test");
        }
    }

    private void AssertConserved(string when)
    {
        foreach (var account in _accounts)
        {
            Assert.True(account.State.BalanceMinor >= 0, $"{account.AccountId} is negative ({account.State.BalanceMinor}) {when}");
            Assert.True(account.State.CreditedMinor - account.State.DebitedMinor == account.State.BalanceMinor,
                $"{account.AccountId}: credits minus debits differ from the balance {when}");
        }

        var held = _sagas.Keys.Sum(slot => _legs.HeldBy(TransferId(slot)));
        Assert.True(held >= 0, $"transfers hold a negative amount ({held}) {when}");
        foreach (var (slot, saga) in _sagas)
        {
            if (saga.Current.IsTerminal)
            {
                Assert.True(_legs.HeldBy(TransferId(slot)) == 0, $"finished transfer {TransferId(slot)} ({saga.Current.Status}) still holds money {when}");
            }
        }

        var inAccounts = _accounts.Sum(a => a.State.BalanceMinor);
        Assert.True(inAccounts + held == _deposited - _spent,
            $"accounts {inAccounts} + held {held} != deposited {_deposited} - spent {_spent} {when}");
    }
}
