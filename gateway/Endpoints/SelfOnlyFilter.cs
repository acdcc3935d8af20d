using Actors.Gateway.Errors;
using Actors.Gateway.Security;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// A user acts only on themselves: the {userId} in the path must be the caller's own. A refusal is
/// recorded in the target user's audit log (if there is such a user) and the access log.
/// </summary>
public sealed class SelfOnlyFilter : IEndpointFilter
{
    /// <summary>The audit actor for another user's attempt: their id stays in the gateway's access log only.</summary>
    public const string AnotherUser = "another-user";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var userId = http.GetRouteValue("userId") as string;
        Ids.User(userId, "user id in the path");
        var caller = Caller.From(http.User);
        if (!string.Equals(caller.Subject, userId, StringComparison.Ordinal))
        {
            await http.RequestServices.GetRequiredService<UserAuditTrail>().Record(userId, caller, http.Request, allowed: false, "another user's data",
                auditActor: AnotherUser);
            return GatewayProblems.Forbidden($"User '{caller.Subject}' may act only on themselves, not on '{userId}'.");
        }

        return await next(context);
    }
}
