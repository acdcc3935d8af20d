using Actors.Accounts;
using Actors.Money;
using Actors.Transfers;
using Actors.Users;

namespace Actors.Cluster.Tests;

/// <summary>
/// Two users with an account each, a consent, deposits, a card payment, a transfer and audited
/// Messenger reads: a little of everything a restart must keep. Ids are unique per instance.
/// </summary>
public sealed class SmallWorld(string tag)
{
    private const string Bank = "CHASE";
    private readonly string _alice = $"alice-{tag}";
    private readonly string _bob = $"bob-{tag}";

    public string AliceAccount => $"{Bank}:a-{tag}";

    public string BobAccount => $"{Bank}:b-{tag}";

    public string TransferId => $"tr-{tag}";

    public TransferRequest Transfer => new(TransferId, AliceAccount, BobAccount, Usd(2_500));

    public async Task<Record> BuildAsync(IGrainFactory grains)
    {
        foreach (var (user, account) in new[] { (_alice, AliceAccount), (_bob, BobAccount) })
        {
            await grains.GetGrain<IUserGrain>(user).Register(new UserProfile($"{user} Example", "en_US", "US", $"m-{user}"));
            await grains.GetGrain<IAccountGrain>(account).Open(user, "USD");
            await grains.GetGrain<IUserGrain>(user).LinkAccount(account);
        }

        var alice = grains.GetGrain<IUserGrain>(_alice);
        await alice.GrantConsent(Bank, ConsentPurpose.BalanceView, null, _alice);
        await alice.GrantConsent(Bank, ConsentPurpose.FraudAlerts, null, _alice);
        await alice.RevokeConsent(Bank, ConsentPurpose.FraudAlerts, _alice);
        await ReplayAsync(grains); // first time: applied
        var transfer = await grains.GetGrain<ITransferGrain>(TransferId).Execute(Transfer);
        Assert.Equal(TransferStatus.Completed, transfer.Status);
        await alice.GetBalanceForMessenger(Bank, ActorsConstants.MessengerActor);
        await grains.GetGrain<IUserGrain>(_bob).GetBalanceForMessenger(Bank, ActorsConstants.MessengerActor); // denied, audited
        return await ReadAsync(grains);
    }

    /// <summary>The postings with fixed ids: applied on the first call, Replayed on every later one.</summary>
    public async Task<IReadOnlyList<PostingResult>> ReplayAsync(IGrainFactory grains) =>
    [
        await grains.GetGrain<IAccountGrain>(AliceAccount).Deposit($"dep-a-{tag}", Usd(100_00)),
        await grains.GetGrain<IAccountGrain>(BobAccount).Deposit($"dep-b-{tag}", Usd(40_00)),
        await grains.GetGrain<IAccountGrain>(AliceAccount).Authorize(new CardAuthorization($"card-a-{tag}", Usd(12_34), "m-coffee", 5814, "US")),
        await grains.GetGrain<IAccountGrain>(BobAccount).Withdraw($"wd-b-{tag}", Usd(5_00)),
    ];

    public async Task<Record> ReadAsync(IGrainFactory grains)
    {
        var balances = new List<string>();
        var history = new List<string>();
        foreach (var account in new[] { AliceAccount, BobAccount })
        {
            var snapshot = await grains.GetGrain<IAccountGrain>(account).GetSnapshot();
            balances.Add($"{account} {snapshot.Balance} {snapshot.Status} postings {snapshot.Postings}");
            history.AddRange((await grains.GetGrain<IAccountGrain>(account).GetHistory(100))
                .Select(h => $"{account} {h.TransactionId} {h.Kind} {h.Outcome} {h.AmountMinor} {h.BalanceAfterMinor}"));
        }

        var consents = new List<string>();
        var audit = new List<string>();
        foreach (var user in new[] { _alice, _bob })
        {
            var snapshot = await grains.GetGrain<IUserGrain>(user).Get();
            consents.AddRange(snapshot.Consents.Select(c => $"{user} {c.Bank} {c.Purpose} granted {c.GrantedAt:O} revoked {c.RevokedAt:O}"));
            consents.Add($"{user} linked {string.Join(",", snapshot.LinkedAccounts)}");
            audit.AddRange((await grains.GetGrain<IUserGrain>(user).GetAuditLog())
                .Select(a => $"{user} {a.At:O} {a.Actor} {a.Action} {a.Bank} {a.Purpose} {a.Outcome}"));
        }

        var transfer = await grains.GetGrain<ITransferGrain>(TransferId).GetStatus();
        return new Record(balances, consents, audit, history, transfer);
    }

    private static Money.Money Usd(long minor) => new(minor, Currency.USD);

    public sealed record Record(
        IReadOnlyList<string> Balances,
        IReadOnlyList<string> Consents,
        IReadOnlyList<string> Audit,
        IReadOnlyList<string> History,
        TransferResult Transfer);
}
