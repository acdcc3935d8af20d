using System.Text.Json;
using Actors.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Actors.Gateway.Errors;

/// <summary>
/// Turns exceptions into problem details: unreadable bodies (malformed JSON, unknown fields, wrong
/// types, wrong content type) into 400/415 with the parser's own explanation, domain errors by kind,
/// an unreachable cluster into 503. Anything else is a 500 without internals.
/// </summary>
public sealed partial class GatewayExceptionHandler : IExceptionHandler
{
    private readonly ILogger<GatewayExceptionHandler> _logger;

    public GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger) => _logger = logger;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                (StatusCodes.Status400BadRequest, "malformed_body", "Malformed request body", Explain(json)),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "body_too_large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
                _ => "bad_request",
            }, "Bad request", bad.Message),
            DomainException domain => Domain(domain),
            TimeoutException or Orleans.Runtime.OrleansException or Orleans.Runtime.SiloUnavailableException =>
                (StatusCodes.Status503ServiceUnavailable, "cluster_unavailable", "Cluster unavailable", "The bank cluster did not answer; try again."),
            _ => (StatusCodes.Status500InternalServerError, "internal_error", "Internal error", "The gateway failed to handle the request."),
        };
        if (status >= 500)
        {
            LogFailure(_logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        await GatewayProblems.Write(httpContext, status, code, title, detail);
        return true;
    }

    private static (int, string, string, string) Domain(DomainException e)
    {
        var (status, code) = GatewayProblems.Map(e.Error);
        return (status, code, e.Error.ToString(), e.Message);
    }

    /// <summary>System.Text.Json names the path and the problem (e.g. an unmapped member); keep that, drop type internals.</summary>
    private static string Explain(JsonException json) =>
        json.Path is { } path && !json.Message.Contains(path, StringComparison.Ordinal)
            ? $"{json.Message} Path: {path}."
            : json.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, string method, string path, Exception exception);
}
