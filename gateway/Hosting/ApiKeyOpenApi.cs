using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Actors.Gateway.Hosting;

/// <summary>Declares the X-Api-Key scheme in the OpenAPI document, so generated clients send the key.</summary>
public static class ApiKeyOpenApi
{
    private const string SchemeId = "ApiKey";

    public static OpenApiOptions AddApiKeyScheme(this OpenApiOptions options) =>
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
            return Task.CompletedTask;
        });
}
