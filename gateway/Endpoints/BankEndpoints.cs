using Actors.Accounts;
using Actors.Gateway.Errors;
using Actors.Gateway.Options;
using Actors.Gateway.Security;
using Actors.Gateway.Views;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// The bank side: its own accounts only (<see cref="OwnBankFilter"/>). Freeze and unfreeze, see and
/// resolve fraud alerts ("not me" confirms and freezes, "it was me" clears), and credit deposits.
/// </summary>
public static class BankEndpoints
{
    public static RouteGroupBuilder MapBankEndpoints(this RouteGroupBuilder v1)
    {
        var bank = v1.MapGroup("/bank/accounts/{accountId}")
            .RequireAuthorization(GatewayPolicies.Bank)
            .AddEndpointFilter<OwnBankFilter>()
            .WithTags("Bank");

        bank.MapGet("/", async (string accountId, IGrainFactory grains) =>
            TypedResults.Ok(AccountView.Of(await grains.GetGrain<IAccountGrain>(accountId).GetSnapshot())))
            .WithSummary("The account as the bank sees it.");
        bank.MapPost("/freeze", async (string accountId, FreezeRequest request, IGrainFactory grains) =>
            TypedResults.Ok(AccountView.Of(await grains.GetGrain<IAccountGrain>(accountId).Freeze(request.Reason))))
            .WithSummary("Freeze the account; card authorizations are then declined.");
        bank.MapPost("/unfreeze", async (string accountId, IGrainFactory grains) =>
            TypedResults.Ok(AccountView.Of(await grains.GetGrain<IAccountGrain>(accountId).Unfreeze())))
            .WithSummary("Lift a freeze.");
        bank.MapGet("/alerts", Alerts).WithSummary("The latest fraud alerts on the account, newest first.");
        bank.MapPost("/alerts/{transactionId}/confirm", (string accountId, string transactionId, IGrainFactory grains) =>
            Resolve(accountId, transactionId, AlertFeedback.NotMe, grains))
            .WithSummary("\"Not me\": confirm fraud; the account is frozen.");
        bank.MapPost("/alerts/{transactionId}/clear", (string accountId, string transactionId, IGrainFactory grains) =>
            Resolve(accountId, transactionId, AlertFeedback.ItWasMe, grains))
            .WithSummary("\"It was me\": clear the alert (and a freeze it caused).");
        bank.MapPost("/deposits", Deposit).WithSummary("Credit the account (idempotent per transactionId).");
        return v1;
    }

    private static async Task<Ok<AlertView[]>> Alerts(string accountId, IGrainFactory grains)
    {
        var account = grains.GetGrain<IAccountGrain>(accountId);
        var currency = (await account.GetSnapshot()).Balance.Currency;
        var alerts = await account.GetAlerts();
        return TypedResults.Ok(alerts.Select(a => View(accountId, a, currency)).ToArray());
    }

    private static async Task<Ok<AlertView>> Resolve(string accountId, string transactionId, AlertFeedback feedback, IGrainFactory grains)
    {
        Ids.Transaction(transactionId, "transaction id in the path");
        var account = grains.GetGrain<IAccountGrain>(accountId);
        var alert = await account.ResolveAlert(transactionId, feedback);
        return TypedResults.Ok(View(accountId, alert, (await account.GetSnapshot()).Balance.Currency));
    }

    private static async Task<IResult> Deposit(string accountId, DepositRequest request, IGrainFactory grains, GatewayOptions options)
    {
        Ids.Transaction(request.TransactionId, "transactionId");
        if (request.AmountMinor <= 0)
        {
            return GatewayProblems.BadRequest("bad_amount", $"amountMinor must be positive; got {request.AmountMinor}.");
        }

        if (request.AmountMinor > options.MaxAmountMinor)
        {
            return GatewayProblems.BadRequest("bad_amount", $"amountMinor {request.AmountMinor} exceeds the limit of {options.MaxAmountMinor} per deposit.");
        }

        var amount = Money.Money.FromMinor(request.AmountMinor, request.Currency);
        var result = await grains.GetGrain<IAccountGrain>(accountId).Deposit(request.TransactionId, amount);
        return TypedResults.Ok(new PostingView(accountId, result.TransactionId, result.Outcome.ToString(), result.Reason.ToString(), MoneyView.Of(result.Balance)));
    }

    private static AlertView View(string accountId, FraudAlertRecord a, Money.Currency currency) =>
        new(accountId, a.TransactionId, a.At, MoneyView.Of(new Money.Money(a.AmountMinor, currency)), a.MerchantId, a.Country, a.Status, a.Rules);
}
