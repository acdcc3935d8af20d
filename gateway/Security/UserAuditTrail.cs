using Actors.Errors;
using Actors.Users;

namespace Actors.Gateway.Security;

/// <summary>
/// Records gateway-level decisions (a user reaching for another user, a bank acting on an account)
/// in the concerned user's audit log, and always in the gateway's access log. A target that is not a
/// registered user has no audit log; the access log then is the only record.
/// </summary>
public sealed class UserAuditTrail
{
    private readonly IGrainFactory _grains;
    private readonly GatewayAccessLog _log;

    public UserAuditTrail(IGrainFactory grains, GatewayAccessLog log)
    {
        _grains = grains;
        _log = log;
    }

    /// <param name="auditActor">How the caller appears in the user's log when that differs from <see cref="Caller.Actor"/>
    /// (another user's id is that user's data, so it is not written into this user's log).</param>
    public async Task Record(string? userId, Caller caller, HttpRequest request, bool allowed, string detail, string? bank = null, string? auditActor = null)
    {
        var path = request.Path.Value ?? "/";

        // A denial names the endpoint (its route pattern), not the path the caller typed: an attacker varying an id in
        // the path still repeats one denial, which the grain counts in one entry instead of filling the log.
        var logged = allowed ? path : (request.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? path;
        if (allowed)
        {
            _log.Allowed(caller.Actor, request.Method, path, detail);
        }
        else
        {
            _log.Denied(caller.Actor, request.Method, path, detail);
        }

        if (!Ids.IsUserId(userId))
        {
            return;
        }

        try
        {
            await _grains.GetGrain<IUserGatewayGrain>(userId!).RecordAccess(auditActor ?? caller.Actor, bank, null, allowed, $"{request.Method} {logged}: {detail}");
        }
        catch (DomainException)
        {
            // Unknown or erased user: nothing to audit there, the access log above has the record.
        }
    }
}
