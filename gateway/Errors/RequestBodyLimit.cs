using Actors.Gateway.Options;

namespace Actors.Gateway.Errors;

/// <summary>
/// Refuses bodies larger than <see cref="GatewayOptions.MaxRequestBodyBytes"/> with 413 before any
/// endpoint reads them, whether the size is announced (Content-Length) or not (chunked).
/// </summary>
public sealed class RequestBodyLimit
{
    private readonly RequestDelegate _next;
    private readonly int _limit;

    public RequestBodyLimit(RequestDelegate next, GatewayOptions options)
    {
        _next = next;
        _limit = options.MaxRequestBodyBytes;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > _limit)
        {
            await TooLarge(context);
            return;
        }

        if (request.ContentLength is null && (request.Headers.TransferEncoding.Count > 0))
        {
            // Unannounced size: read at most one byte past the limit into memory, then serve from there.
            var buffer = new MemoryStream();
            var chunk = new byte[4096];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > _limit)
                {
                    await TooLarge(context);
                    return;
                }
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
        }

        await _next(context);
    }

    private ValueTask TooLarge(HttpContext context) =>
        GatewayProblems.Write(context, StatusCodes.Status413PayloadTooLarge, "body_too_large", "Request body too large",
            $"The request body exceeds the limit of {_limit} bytes.");
}
