namespace Actors.Gateway.Security;

/// <summary>Authorization policies, one per role (rate limits apply to every request: <see cref="GatewayRateLimiting"/>).</summary>
public static class GatewayPolicies
{
    public const string Partner = "partner";
    public const string User = "user";
    public const string Bank = "bank";

    public static IServiceCollection AddGatewayAuthorization(this IServiceCollection services, Options.GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddAuthentication(PartnerTokenAuthentication.SelectorScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPartnerTokens(options.PartnerTokens);
        services.AddAuthorizationBuilder()
            .AddPolicy(Partner, p => p.RequireClaim(Caller.RoleClaim, nameof(GatewayRole.Partner)))
            .AddPolicy(User, p => p.RequireClaim(Caller.RoleClaim, nameof(GatewayRole.User)))
            .AddPolicy(Bank, p => p.RequireClaim(Caller.RoleClaim, nameof(GatewayRole.Bank)));
        return services;
    }
}
