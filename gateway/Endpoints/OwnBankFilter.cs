using Actors.Accounts;
using Actors.Errors;
using Actors.Gateway.Errors;
using Actors.Gateway.Security;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// A bank acts only on accounts of its own bank (the BANK part of {accountId}). Every bank action,
/// allowed or refused, is recorded in the account owner's audit log and in the access log.
/// </summary>
public sealed class OwnBankFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var accountId = Ids.Account(http.GetRouteValue("accountId") as string, "account id in the path");
        var bank = Ids.BankOf(accountId);
        var caller = Caller.From(http.User);
        var audit = http.RequestServices.GetRequiredService<UserAuditTrail>();
        var account = http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(accountId);
        if (!string.Equals(caller.Subject, bank, StringComparison.Ordinal))
        {
            await audit.Record(await OwnerOrNull(account), caller, http.Request, allowed: false, $"account of another bank ({bank})", bank);
            return GatewayProblems.Forbidden($"Bank '{caller.Subject}' may act only on its own accounts, not on '{accountId}'.");
        }

        var owner = (await account.GetSnapshot()).Owner;
        var result = await next(context);
        await audit.Record(owner, caller, http.Request, allowed: true, "bank operation", bank);
        return result;
    }

    private static async Task<string?> OwnerOrNull(IAccountGrain account)
    {
        try
        {
            return (await account.GetSnapshot()).Owner;
        }
        catch (DomainException)
        {
            return null;
        }
    }
}
