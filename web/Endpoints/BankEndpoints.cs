using Actors.Accounts;
using Actors.Errors;
using Actors.Users;
using Actors.Web.Living;
using Actors.Web.Views;

namespace Actors.Web.Endpoints;

/// <summary>The bank side: a bank's accounts (balance, status, alerts, freezes), one account's history and alerts, a user's audit trail.</summary>
internal static class BankEndpoints
{
    private const int HistoryShown = 25;

    public static void MapBankEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/banks", Banks);
        app.MapGet("/api/banks/{bank}/accounts", Accounts);
        app.MapGet("/api/accounts/{accountId}", Account);
        app.MapPost("/api/accounts/{accountId}/unfreeze", Unfreeze);
        app.MapGet("/api/users/{userId}/audit", Audit);
    }

    private static IReadOnlyList<BankSummary> Banks(LivingWorld world) =>
        Enumerable.Range(0, world.Population.AccountCount).Where(a => world.TryFindAccount(world.Population.AccountIds[a], out _))
            .GroupBy(world.BankOf).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new BankSummary(g.Key, g.Count())).ToList();

    /// <summary>Every account of the bank whose owner is not erased, frozen ones and those with open alerts first.</summary>
    private static async Task<IResult> Accounts(LivingWorld world, string bank)
    {
        var population = world.Population;
        var ids = Enumerable.Range(0, population.AccountCount)
            .Where(a => string.Equals(world.BankOf(a), bank, StringComparison.OrdinalIgnoreCase) && world.TryFindAccount(population.AccountIds[a], out _)).ToList();
        if (ids.Count == 0 && !population.Banks.Any(b => string.Equals(b.Bank, bank, StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.Bad($"Bank '{bank}' is unknown: use one of {string.Join(", ", population.Banks.Select(b => b.Bank))}.");
        }

        var lines = await Task.WhenAll(ids.Select(a => Line(world, a)));
        return Results.Ok(lines.OrderByDescending(l => l.Status == nameof(AccountStatus.Frozen)).ThenByDescending(l => l.OpenAlerts)
            .ThenBy(l => l.AccountId, StringComparer.Ordinal).ToList());
    }

    private static async Task<AccountLine> Line(LivingWorld world, int account)
    {
        var grain = world.Grains.GetGrain<IAccountGrain>(world.Population.AccountIds[account]);
        var snapshot = await grain.GetSnapshot();
        var open = (await grain.GetAlerts()).Count(r => r.Status == FraudAlertStatus.Open);
        return ViewMapper.Account(snapshot, world.Population.UserNames[world.Population.AccountOwner[account]], open);
    }

    private static async Task<IResult> Account(LivingWorld world, string accountId)
    {
        if (!world.TryFindAccount(accountId, out var a))
        {
            return Problems.NoAccount(accountId);
        }

        var grain = world.Grains.GetGrain<IAccountGrain>(accountId);
        var snapshot = await grain.GetSnapshot();
        var alerts = await grain.GetAlerts();
        var history = await grain.GetHistory(HistoryShown);
        var currency = snapshot.Balance.Currency;
        return Results.Ok(new AccountDetail(
            ViewMapper.Account(snapshot, world.Population.UserNames[world.Population.AccountOwner[a]], alerts.Count(r => r.Status == FraudAlertStatus.Open)),
            history.Select(h => ViewMapper.History(h, currency)).ToList(),
            alerts.Select(r => ViewMapper.Alert(accountId, r, currency)).ToList()));
    }

    private static async Task<IResult> Unfreeze(LivingWorld world, string accountId)
    {
        if (!world.TryFindAccount(accountId, out var a))
        {
            return Problems.NoAccount(accountId);
        }

        try
        {
            await world.Grains.GetGrain<IAccountGrain>(accountId).Unfreeze();
        }
        catch (DomainException e)
        {
            return Problems.Bad(e.Message);
        }

        return Results.Ok(await Line(world, a));
    }

    private static async Task<IResult> Audit(LivingWorld world, string userId)
    {
        if (!world.TryFindUser(userId, out _))
        {
            return Problems.NoUser(userId);
        }

        var entries = await world.Grains.GetGrain<IUserGrain>(userId).GetAuditLog();
        return Results.Ok(entries.OrderByDescending(e => e.LastAt ?? e.At).Select(ViewMapper.Audit).ToList());
    }
}
