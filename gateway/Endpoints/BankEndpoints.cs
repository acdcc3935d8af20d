using Actors.Accounts;
using Actors.Gateway.Errors;
using Actors.Gateway.Options;
using Actors.Gateway.Security;
using Actors.Gateway.Views;
using Actors.Transfers;

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
        bank.MapPost("/transfers", Transfer)
            .WithSummary("Move money to another account of the same bank in the same currency (idempotent per transferId); mixed currencies are refused before anything posts.");
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
        if (RefuseAmount(request.AmountMinor, "deposit", options) is { } refused)
        {
            return refused;
        }

        var amount = Money.Money.FromMinor(request.AmountMinor, request.Currency);
        var result = await grains.GetGrain<IAccountGrain>(accountId).Deposit(request.TransactionId, amount);
        return TypedResults.Ok(new PostingView(accountId, result.TransactionId, result.Outcome.ToString(), result.Reason.ToString(), MoneyView.Of(result.Balance)));
    }

    /// <summary>
    /// Both accounts must be the calling bank's (so no bank learns another bank's account ids or currencies from the
    /// answer). The transfer grain refuses mixed currencies before either leg posts (CurrencyMismatch: 400 bad_amount).
    /// </summary>
    private static async Task<IResult> Transfer(string accountId, BankTransferRequest request, HttpContext http, IGrainFactory grains, GatewayOptions options)
    {
        Ids.Transaction(request.TransferId, "transferId");
        var toAccount = Ids.Account(request.ToAccount, "toAccount");
        var caller = Caller.From(http.User);
        if (!string.Equals(Ids.BankOf(toAccount), caller.Subject, StringComparison.Ordinal))
        {
            return GatewayProblems.Forbidden($"Bank '{caller.Subject}' may transfer only between its own accounts, not to '{toAccount}'.");
        }

        if (RefuseAmount(request.AmountMinor, "transfer", options) is { } refused)
        {
            return refused;
        }

        var transfer = new TransferRequest(request.TransferId, accountId, toAccount, Money.Money.FromMinor(request.AmountMinor, request.Currency));
        var result = await grains.GetGrain<ITransferGrain>(request.TransferId).Execute(transfer);
        return TypedResults.Ok(new TransferView(result.TransferId, accountId, toAccount, MoneyView.Of(transfer.Amount), result.Status, result.Reason, result.Message));
    }

    private static IResult? RefuseAmount(long amountMinor, string what, GatewayOptions options) =>
        amountMinor <= 0 ? GatewayProblems.BadRequest("bad_amount", $"amountMinor must be positive; got {amountMinor}.")
        : amountMinor > options.MaxAmountMinor ? GatewayProblems.BadRequest("bad_amount", $"amountMinor {amountMinor} exceeds the limit of {options.MaxAmountMinor} per {what}.")
        : null;

    private static AlertView View(string accountId, FraudAlertRecord a, Money.Currency currency) =>
        new(accountId, a.TransactionId, a.At, MoneyView.Of(new Money.Money(a.AmountMinor, currency)), a.MerchantId, a.Country, a.Status, a.Rules);
}
