using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Actors.Gateway.Hosting;

/// <summary>
/// Declares the X-Api-Key scheme in the OpenAPI document, so generated clients send the key, and — when partner tokens
/// are configured — the Bearer (JWT) scheme as the alternative for partner endpoints.
/// </summary>
public static class ApiKeyOpenApi
{
    private const string SchemeId = "ApiKey";
    private const string TokenSchemeId = "PartnerToken";

    public static OpenApiOptions AddApiKeyScheme(this OpenApiOptions options, Options.PartnerTokenOptions tokens) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Security.ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key configured for a partner, a user or a bank (Actors:Gateway:Credentials).",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, document)] = [] }];
            if (tokens.Enabled)
            {
                document.Components.SecuritySchemes[TokenSchemeId] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = $"Partner endpoints only: an HS256 JWT with iss, aud, exp, a kid header and the partner id in '{Options.PartnerTokenOptions.PartnerClaim}'.",
                };
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenSchemeId, document)] = [] });
            }

            return Task.CompletedTask;
        });
}
