using Actors.Gateway.Endpoints;
using Actors.Gateway.Errors;
using Actors.Gateway.Options;
using Actors.Gateway.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Gateway.Hosting;

/// <summary>
/// Composes the gateway on a web application builder whose configuration is already complete: the
/// program uses it with the process's configuration, tests with their own credentials and clock.
/// </summary>
public static class GatewayApplication
{
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A gateway option is invalid; the message names it.</exception>
    public static WebApplication Build(WebApplicationBuilder builder, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = GatewayOptionsValidator.Load(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(grains);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<GatewayAccessLog>();
        services.AddSingleton<UserAuditTrail>();
        services.Configure<JsonOptions>(o => GatewayJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<GatewayExceptionHandler>();
        services.AddGatewayAuthorization(options);
        services.AddGatewayRateLimiting(options);
        services.AddOpenApi(o => o.AddApiKeyScheme(options.PartnerTokens).AddAuthorizationResponses());
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            RequestSizeLimits.ConfigureServerLimits(k.Limits, options);
        });

        var app = builder.Build();
        app.UseNoStoreHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodeProblems();
        app.UseMiddleware<RequestSizeLimits>();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseAuthentication();
        app.UseRateLimiter(); // after authentication (buckets per caller), before authorization (refusals spend tokens too)
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapGet("/healthz", () => TypedResults.Ok("ok")).ExcludeFromDescription();
        app.MapGroup("/v1").MapPartnerEndpoints().MapUserEndpoints().MapBankEndpoints();
        if (app.Services.GetRequiredService<CredentialStore>().Count == 0)
        {
            app.Logger.LogWarning("No credentials configured under {Section}:Credentials: every request will be refused with 401.", GatewayOptions.SectionName);
        }

        return app;
    }
}
