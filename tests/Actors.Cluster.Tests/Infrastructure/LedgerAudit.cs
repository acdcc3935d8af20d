using Actors.Accounts;
using Actors.Domain;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// After a fault test: reads every account back and compares it with what the accepted operations
/// imply. <see cref="Findings.Money"/> lists wrong balances, money created or lost, accepted
/// operations missing and approvals the client never saw; <see cref="Findings.HistoryDuplicates"/>
/// lists history lines written twice for one transaction (each names the account and id).
/// </summary>
public static class LedgerAudit
{
    public sealed record Findings(List<string> Money, List<string> HistoryDuplicates);

    public static async Task<Findings> CheckAsync(IGrainFactory grains, BankLoad load)
    {
        var problems = new List<string>();
        var duplicates = new List<string>();
        var expected = load.ExpectedBalances();
        var applied = new List<(string Account, HistoryEntry Entry)>();
        long total = 0;
        foreach (var account in load.Accounts)
        {
            var grain = grains.GetGrain<IAccountGrain>(account);
            var balance = (await grain.GetSnapshot()).Balance.Minor;
            total += balance;
            if (balance != expected[account])
            {
                problems.Add($"{account}: balance {balance} minor units, but the accepted operations imply {expected[account]}");
            }

            applied.AddRange((await grain.GetHistory(10_000)).Where(h => h.Outcome == PostingOutcome.Applied).Select(h => (account, h)));
        }

        var opening = BankLoad.OpeningMinor * load.Accounts.Count;
        var spent = load.AcceptedOperations.Values.Where(a => a.To is null).Sum(a => a.Minor);
        if (total != opening - spent)
        {
            problems.Add($"sum of balances {total} != deposits {opening} - approved card payments {spent}: money was created or lost");
        }

        foreach (var duplicate in applied.GroupBy(a => (a.Account, a.Entry.TransactionId)).Where(g => g.Count() > 1))
        {
            duplicates.Add($"{duplicate.Key.Account}: transaction {duplicate.Key.TransactionId} has {duplicate.Count()} applied history lines");
        }

        var present = applied.Select(a => (a.Account, a.Entry.TransactionId)).ToHashSet();
        foreach (var op in load.AcceptedOperations.Values)
        {
            var legs = op.To is null
                ? new[] { (op.From, op.Id) }
                : [(op.From, TransferSaga.DebitId(op.Id)), (op.To, TransferSaga.CreditId(op.Id))];
            problems.AddRange(legs.Where(leg => !present.Contains(leg)).Select(leg => $"{leg.Item1}: accepted {leg.Item2} is missing from the history"));
        }

        var approvedCards = applied.Where(a => a.Entry.Kind == PostingKind.CardAuthorization).Select(a => a.Entry.TransactionId).ToHashSet();
        approvedCards.ExceptWith(load.AcceptedOperations.Keys);
        problems.AddRange(approvedCards.Select(id => $"card payment {id} was applied but never reported as approved to the client"));
        return new Findings(problems, duplicates);
    }
}
