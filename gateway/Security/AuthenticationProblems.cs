using Actors.Gateway.Errors;

namespace Actors.Gateway.Security;

/// <summary>
/// The 401 and 403 answers of every authentication scheme (API key, partner token), so a client sees the same codes
/// whichever credential it sent, and both are in the access log.
/// </summary>
internal static class AuthenticationProblems
{
    public static async Task Unauthenticated(HttpContext context, string code, string detail, string wwwAuthenticate)
    {
        context.RequestServices.GetRequiredService<GatewayAccessLog>().Unauthenticated(context.Request.Method, context.Request.Path, code);
        context.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        await GatewayProblems.Write(context, StatusCodes.Status401Unauthorized, code, "Authentication required", detail);
    }

    public static async Task Forbidden(HttpContext context)
    {
        var caller = Caller.From(context.User);
        context.RequestServices.GetRequiredService<GatewayAccessLog>().Denied(caller.Actor, context.Request.Method, context.Request.Path, "wrong role");
        await GatewayProblems.Write(context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
            $"A {caller.Role.ToString().ToLowerInvariant()} credential may not call {context.Request.Path}.");
    }
}
