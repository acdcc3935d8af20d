using Actors.Domain;
using Actors.Gateway.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Security;

/// <summary>
/// Partner tokens (JWT, HS256) beside the API keys. A request with <c>Authorization: Bearer</c> goes to the JwtBearer
/// scheme, any other to the API-key scheme (<see cref="SelectorScheme"/> is the default and picks). A valid token
/// becomes the same <see cref="Caller"/> a partner's API key gives, so authorization, rate limits and audit treat
/// both alike. Lifetime is checked against the gateway's <see cref="TimeProvider"/> (IdentityModel would read the
/// machine clock), with <see cref="PartnerTokenOptions.ClockSkew"/>; refusals are 401 problem details saying why.
/// </summary>
public static class PartnerTokenAuthentication
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;
    public const string SelectorScheme = "ApiKeyOrBearer";

    public static AuthenticationBuilder AddPartnerTokens(this AuthenticationBuilder builder, PartnerTokenOptions tokens)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tokens);
        builder.AddPolicyScheme(SelectorScheme, "API key or partner token", o => o.ForwardDefaultSelector = context =>
            tokens.Enabled && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? SchemeName
                : ApiKeyAuthenticationHandler.SchemeName);
        if (!tokens.Enabled)
        {
            return builder;
        }

        builder.AddJwtBearer(SchemeName, o =>
        {
            o.MapInboundClaims = false;
            o.IncludeErrorDetails = false;
            o.Events = new JwtBearerEvents { OnTokenValidated = ToCaller, OnChallenge = Challenge, OnForbidden = c => AuthenticationProblems.Forbidden(c.HttpContext) };
        });
        builder.Services.AddOptions<JwtBearerOptions>(SchemeName).Configure<TimeProvider>((o, time) => o.TokenValidationParameters = Parameters(tokens, time));
        return builder;
    }

    private static TokenValidationParameters Parameters(PartnerTokenOptions tokens, TimeProvider time) => new()
    {
        ValidIssuer = tokens.Issuer,
        ValidAudience = tokens.Audience,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        IssuerSigningKeys = tokens.SigningKeys.Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k.Key!)) { KeyId = k.KeyId }).ToArray(),
        TryAllIssuerSigningKeys = false, // the kid names the key; a removed key's tokens find none
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = tokens.ClockSkew,
        LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (expires is not { } exp)
            {
                throw new SecurityTokenNoExpirationException("The token has no exp.");
            }

            if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
            {
                throw new SecurityTokenNotYetValidException($"The token is valid only from {nbf:O}.") { NotBefore = nbf };
            }

            return exp >= now - parameters.ClockSkew ? true : throw new SecurityTokenExpiredException($"The token expired at {exp:O}.") { Expires = exp };
        },
    };

    private static Task ToCaller(TokenValidatedContext context)
    {
        var partner = context.Principal?.FindFirst(PartnerTokenOptions.PartnerClaim)?.Value;
        if (partner is null || !PartnerRules.IsPartnerId(partner))
        {
            context.Fail($"The token carries no valid {PartnerTokenOptions.PartnerClaim} claim.");
            return Task.CompletedTask;
        }

        context.Principal = new Caller(GatewayRole.Partner, partner).ToPrincipal(SchemeName);

        // As with API keys, the expiry travels with the ticket, so a notification stream ends when the token does.
        if (context.SecurityToken is JsonWebToken jwt)
        {
            context.Properties.ExpiresUtc = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc));
        }

        return Task.CompletedTask;
    }

    private static Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var (code, detail) = context.AuthenticateFailure switch
        {
            null => ("missing_credentials", "No token after 'Bearer'."),
            SecurityTokenExpiredException e => ("expired_credentials", $"The partner token expired at {e.Expires:O}."),
            SecurityTokenNotYetValidException e => ("invalid_credentials", $"The partner token is valid only from {e.NotBefore:O}."),
            SecurityTokenInvalidAudienceException => ("invalid_credentials", "The partner token is for another audience."),
            SecurityTokenInvalidIssuerException => ("invalid_credentials", "The partner token is from another issuer."),
            SecurityTokenSignatureKeyNotFoundException => ("invalid_credentials", "The partner token is signed with a key that is not (or no longer) configured."),
            SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException => ("invalid_credentials", "The partner token's signature is not valid."),
            SecurityTokenNoExpirationException => ("invalid_credentials", "The partner token has no expiry (exp)."),
            var e when e.Message.Contains(PartnerTokenOptions.PartnerClaim, StringComparison.Ordinal) => ("invalid_credentials", e.Message),
            _ => ("invalid_credentials", "The partner token is malformed or cannot be verified."),
        };
        return AuthenticationProblems.Unauthenticated(context.HttpContext, code, detail, "Bearer error=\"invalid_token\"");
    }
}
