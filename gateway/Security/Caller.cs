using System.Security.Claims;

namespace Actors.Gateway.Security;

/// <summary>The authenticated caller of a request: role and subject (partner id, user id or bank id).</summary>
public sealed record Caller(GatewayRole Role, string Subject)
{
    public const string RoleClaim = "actors:role";
    public const string SubjectClaim = "actors:subject";

    /// <summary>How the caller appears in audit logs, e.g. "partner:acme" or "bank:CHASE".</summary>
    public string Actor => Truncate($"{Role.ToString().ToLowerInvariant()}:{Subject}");

    public static Caller From(ClaimsPrincipal principal) =>
        Enum.TryParse<GatewayRole>(principal.FindFirstValue(RoleClaim), out var role) && principal.FindFirstValue(SubjectClaim) is { } subject
            ? new Caller(role, subject)
            : throw new InvalidOperationException("The request reached an endpoint without an authenticated caller.");

    // Audit actors are at most 64 characters; "user:" plus a 64-character user id would not fit.
    private static string Truncate(string actor) => actor.Length <= 64 ? actor : actor[..64];

    public ClaimsPrincipal ToPrincipal(string scheme) =>
        new(new ClaimsIdentity([new Claim(RoleClaim, Role.ToString()), new Claim(SubjectClaim, Subject)], scheme, SubjectClaim, RoleClaim));
}
