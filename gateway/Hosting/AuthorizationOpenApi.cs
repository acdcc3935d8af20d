using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Actors.Gateway.Hosting;

/// <summary>
/// Declares on every operation what the security pipeline may answer before the endpoint runs — 429 (every request
/// draws from a rate-limit bucket), and for endpoints behind a role 401 and 403 — each as problem details, and names
/// the role the operation needs (<c>x-actors-role</c>, and a sentence in its description).
/// </summary>
public static class AuthorizationOpenApi
{
    public const string RoleExtension = "x-actors-role";

    public static OpenApiOptions AddAuthorizationResponses(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("429", Problem(
                "Rate limited (code rate_limited): the caller's token bucket is empty; Retry-After says after how many seconds to try again.",
                retryAfter: true));
            var role = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
            if (role is null)
            {
                return Task.CompletedTask;
            }

            operation.Responses.TryAdd("401", Problem(
                "No credential, an unknown one or an expired one (codes missing_credentials, invalid_credentials, expired_credentials)."));
            operation.Responses.TryAdd("403", Problem(
                $"The credential is not a {role} credential, or this {role} may not act on this resource (code forbidden; partner reads also partner_not_linked, consent_required)."));
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RoleExtension] = new JsonNodeExtension(JsonValue.Create(role));
            var requirement = $"Requires a {role} credential.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? requirement : $"{operation.Description}\n\n{requirement}";
            return Task.CompletedTask;
        });

    private static OpenApiResponse Problem(string description, bool retryAfter = false)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = ProblemSchema() } },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds until a token is available.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }

        return response;
    }

    /// <summary>RFC 9457 problem details with the gateway's <c>code</c>.</summary>
    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "type", "title", "status", "detail", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable machine-readable code, also the last segment of type." },
        },
    };
}
