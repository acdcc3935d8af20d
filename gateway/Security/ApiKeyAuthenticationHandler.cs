using System.Text.Encodings.Web;
using Actors.Gateway.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Security;

/// <summary>
/// Authenticates the X-Api-Key header against the <see cref="CredentialStore"/>. A missing, unknown
/// or expired key is answered with 401 and a problem-details body saying which of the three it was.
/// </summary>
public sealed class ApiKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string FailureItem = "actors:auth-failure";

    private readonly CredentialStore _credentials;
    private readonly TimeProvider _time;
    private readonly GatewayAccessLog _accessLog;

    public ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        CredentialStore credentials, TimeProvider time, GatewayAccessLog accessLog)
        : base(options, logger, encoder)
    {
        _credentials = credentials;
        _time = time;
        _accessLog = accessLog;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(Fail("missing_credentials", $"No API key: send one in the {HeaderName} header."));
        }

        if (values.Count > 1)
        {
            return Task.FromResult(Fail("invalid_credentials", $"More than one {HeaderName} header."));
        }

        var credential = _credentials.Find(values[0]!);
        if (credential is null)
        {
            return Task.FromResult(Fail("invalid_credentials", "The API key is not known."));
        }

        if (credential.ExpiresAt is { } expiresAt && expiresAt <= _time.GetUtcNow())
        {
            return Task.FromResult(Fail("expired_credentials", $"The API key expired at {expiresAt:O}."));
        }

        // The expiry travels with the ticket, so a long-lived request (a notification stream) can end when the key does.
        var properties = new AuthenticationProperties { ExpiresUtc = credential.ExpiresAt };
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(credential.Caller.ToPrincipal(SchemeName), properties, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (code, detail) = Context.Items[FailureItem] as (string, string)? ?? ("missing_credentials", $"No API key: send one in the {HeaderName} header.");
        _accessLog.Unauthenticated(Request.Method, Request.Path, code);
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        await GatewayProblems.Write(Context, StatusCodes.Status401Unauthorized, code, "Authentication required", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var caller = Caller.From(Context.User);
        _accessLog.Denied(caller.Actor, Request.Method, Request.Path, "wrong role");
        await GatewayProblems.Write(Context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
            $"A {caller.Role.ToString().ToLowerInvariant()} credential may not call {Request.Path}.");
    }

    private AuthenticateResult Fail(string code, string detail)
    {
        Context.Items[FailureItem] = (code, detail);
        return AuthenticateResult.Fail(detail);
    }
}
