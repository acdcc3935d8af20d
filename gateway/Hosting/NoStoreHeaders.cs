namespace Actors.Gateway.Hosting;

/// <summary>
/// Every answer the application sends may carry personal data (balances, transactions, audit entries, even a
/// problem naming an account), so every one is marked <c>Cache-Control: no-store</c> (no browser, proxy or CDN
/// keeps a copy) and <c>X-Content-Type-Options: nosniff</c> (a browser never reads JSON as HTML or script).
/// Set when the response starts, so error paths that clear headers (the exception handler) keep them too.
/// </summary>
public static class NoStoreHeaders
{
    public static IApplicationBuilder UseNoStoreHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.CacheControl = "no-store";
                headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
