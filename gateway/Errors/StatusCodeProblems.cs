namespace Actors.Gateway.Errors;

/// <summary>
/// Bodies for errors that the framework answers with a bare status (no route, wrong method, wrong
/// content type), so that every error the gateway sends is a problem with a code and a detail.
/// </summary>
public static class StatusCodeProblems
{
    public static IApplicationBuilder UseStatusCodeProblems(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var (code, title, detail) = status switch
            {
                StatusCodes.Status404NotFound => ("not_found", "Not found", $"No endpoint at {http.Request.Path}."),
                StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", "Method not allowed", $"{http.Request.Method} is not allowed on {http.Request.Path}."),
                StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Unsupported media type",
                    $"Send the request body as application/json, not '{http.Request.ContentType}'."),
                _ => ($"http_{status}", "Error", $"The request failed with status {status}."),
            };
            return GatewayProblems.Write(http, status, code, title, detail).AsTask();
        });
}
