using Actors.Gateway.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Actors.Gateway.Errors;

/// <summary>
/// Answers a too long request target (414) and too large request headers (431) as problem details. Kestrel refuses
/// both itself, before any application code runs and with an empty body that cannot be shaped; so its limits are set
/// <see cref="GatewayOptions.ServerLimitFactor"/> times higher (<see cref="ConfigureServerLimits"/>) and the gateway
/// applies the real limits here. Only a request beyond Kestrel's ceiling, or one Kestrel cannot parse at all, still
/// gets Kestrel's bare answer (see gateway/README.md, "Errors Kestrel answers itself").
/// </summary>
public sealed class RequestSizeLimits
{
    private readonly RequestDelegate _next;
    private readonly int _maxTarget;
    private readonly int _maxHeaders;

    public RequestSizeLimits(RequestDelegate next, GatewayOptions options)
    {
        _next = next;
        _maxTarget = options.MaxRequestTargetBytes;
        _maxHeaders = options.MaxRequestHeadersBytes;
    }

    public static void ConfigureServerLimits(KestrelServerLimits limits, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(options);
        limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        limits.MaxRequestLineSize = options.MaxRequestTargetBytes * GatewayOptions.ServerLimitFactor;
        limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersBytes * GatewayOptions.ServerLimitFactor;
        limits.MaxRequestHeaderCount = 100;
        limits.Http2.MaxRequestHeaderFieldSize = options.MaxRequestHeadersBytes * GatewayOptions.ServerLimitFactor;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        if (target.Length > _maxTarget)
        {
            await GatewayProblems.Write(context, StatusCodes.Status414UriTooLong, "url_too_long", "URL too long",
                $"The request target is {target.Length} bytes; the limit is {_maxTarget}.");
            return;
        }

        var headers = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                headers += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headers > _maxHeaders)
        {
            await GatewayProblems.Write(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers_too_large", "Request headers too large",
                $"The request headers are {headers} bytes; the limit is {_maxHeaders}.");
            return;
        }

        await _next(context);
    }
}
