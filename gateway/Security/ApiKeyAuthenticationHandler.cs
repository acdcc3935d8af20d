using System.Text.Encodings.Web;
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

    public ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        CredentialStore credentials, TimeProvider time)
        : base(options, logger, encoder)
    {
        _credentials = credentials;
        _time = time;
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

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (code, detail) = Context.Items[FailureItem] as (string, string)? ?? ("missing_credentials", $"No API key: send one in the {HeaderName} header.");
        return AuthenticationProblems.Unauthenticated(Context, code, detail, $"{SchemeName} header=\"{HeaderName}\"");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthenticationProblems.Forbidden(Context);

    private AuthenticateResult Fail(string code, string detail)
    {
        Context.Items[FailureItem] = (code, detail);
        return AuthenticateResult.Fail(detail);
    }
}
