using Actors.Gateway.Errors;
using Actors.Gateway.Security;
using Actors.Gateway.Views;
using Actors.Users;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// What a Messenger partner may read about a user who linked it: link status, balance, recent
/// transactions and fraud alerts, each behind its consent, checked by the user grain at that moment.
/// Notifications are in <see cref="NotificationEndpoints"/>.
/// </summary>
public static class PartnerEndpoints
{
    public const int DefaultTransactions = 20;

    public static RouteGroupBuilder MapPartnerEndpoints(this RouteGroupBuilder v1)
    {
        var partner = v1.MapGroup("/partner/users/{userId}")
            .RequireAuthorization(GatewayPolicies.Partner)
            .WithTags("Partner");

        partner.MapGet("/", GetLink)
            .WithSummary("Whether this partner is linked to the user, and the user's consents in force.");
        partner.MapGet("/banks/{bank}/balance", GetBalance)
            .WithSummary("Balances at one bank (consent: BalanceView).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        partner.MapGet("/banks/{bank}/transactions", GetTransactions)
            .WithSummary("Recent transactions at one bank, newest first (consent: TransactionNotifications).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        partner.MapGet("/banks/{bank}/alerts", GetAlerts)
            .WithSummary("Fraud alerts on the user's accounts at one bank (consent: FraudAlerts).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        partner.MapNotificationEndpoints();
        return v1;
    }

    private static async Task<Ok<PartnerLinkView>> GetLink(string userId, HttpContext http, IGrainFactory grains)
    {
        Ids.User(userId, "user id in the path");
        var caller = Caller.From(http.User);
        var link = await grains.GetGrain<IUserGatewayGrain>(userId).GetPartnerLink(caller.Subject);
        return TypedResults.Ok(new PartnerLinkView(link.UserId, link.PartnerId, link.Linked, link.ConsentsInForce.Select(ConsentView.Of).ToArray()));
    }

    private static async Task<IResult> GetBalance(string userId, string bank, HttpContext http, IGrainFactory grains)
    {
        var (grain, partnerId) = Target(userId, bank, http, grains);
        var read = await grain.ReadBalance(partnerId, bank);
        return Answer(userId, bank, read, b => new BalanceView(b.AccountId, MoneyView.Of(b.Balance)));
    }

    private static async Task<IResult> GetTransactions(string userId, string bank, int? limit, HttpContext http, IGrainFactory grains)
    {
        var (grain, partnerId) = Target(userId, bank, http, grains);
        var read = await grain.ReadTransactions(partnerId, bank, limit ?? DefaultTransactions);
        return Answer(userId, bank, read, TransactionView.Of);
    }

    private static async Task<IResult> GetAlerts(string userId, string bank, HttpContext http, IGrainFactory grains)
    {
        var (grain, partnerId) = Target(userId, bank, http, grains);
        var read = await grain.ReadAlerts(partnerId, bank);
        return Answer(userId, bank, read, a => new AlertView(a.AccountId, a.TransactionId, a.At, MoneyView.Of(a.Amount), a.MerchantId, a.Country, a.Status, a.Rules));
    }

    /// <summary>Checks the path ids (a malformed one is 400 before any grain is touched) and names the caller.</summary>
    internal static (IUserGatewayGrain Grain, string PartnerId) Target(string userId, string bank, HttpContext http, IGrainFactory grains)
    {
        Ids.User(userId, "user id in the path");
        Ids.Bank(bank, "bank id in the path");
        return (grains.GetGrain<IUserGatewayGrain>(userId), Caller.From(http.User).Subject);
    }

    /// <summary>A refused read as its problem (not linked, consent required); an allowed one as its items.</summary>
    internal static IResult? Refusal<T>(string userId, PartnerRead<T> read) => read.Status switch
    {
        MessengerReadStatus.PartnerNotLinked => GatewayProblems.PartnerNotLinked(userId),
        MessengerReadStatus.ConsentRequired => GatewayProblems.ConsentRequired(read.Consent!),
        _ => null,
    };

    private static IResult Answer<T, TView>(string userId, string bank, PartnerRead<T> read, Func<T, TView> view) =>
        Refusal(userId, read) ?? TypedResults.Ok(new PartnerItemsView<TView>(userId, bank,
            read.Status == MessengerReadStatus.NoAccountAtBank ? "no_account_at_bank" : "ok",
            read.Items.Select(view).ToArray()));
}
