using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Actors.Gateway.Errors;
using Actors.Gateway.Options;

namespace Actors.Gateway.Security;

/// <summary>
/// One token bucket per caller on every request: per partner, user and bank (partitioned by the
/// authenticated role and subject, each role with its own limits), and per client IP address for
/// requests without valid credentials. It runs after authentication and before authorization, so
/// a request that will be refused (401, 403, a denied read) spends a token like any other: that is
/// what keeps a caller from flooding a user's audit log or guessing keys. A refusal is 429 with
/// problem details and a Retry-After in seconds.
/// </summary>
public static class GatewayRateLimiting
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var (key, limits) = Partition(context, options);
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.TokenLimit,
                    TokensPerPeriod = limits.TokensPerPeriod,
                    ReplenishmentPeriod = limits.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, _) =>
            {
                var http = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : (TimeSpan?)null;
                var (key, limits) = Partition(http, options);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((retryAfter ?? limits.ReplenishmentPeriod).TotalSeconds))
                    .ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<GatewayAccessLog>().Denied(key, http.Request.Method, http.Request.Path, "rate limited");
                var who = key.StartsWith("ip:", StringComparison.Ordinal) ? $"Unauthenticated requests from {key[3..]}" : $"Caller '{key}'";
                await GatewayProblems.Write(http, StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests",
                    $"{who} exceeded {limits.TokensPerPeriod} requests per {limits.ReplenishmentPeriod} (burst {limits.TokenLimit}).");
            };
        });
        return services;
    }

    /// <summary>The bucket a request draws from: "partner:acme", "user:alicezq", "bank:CHASE", or "ip:203.0.113.9".</summary>
    internal static (string Key, RateLimitOptions Limits) Partition(HttpContext context, GatewayOptions options)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(Caller.RoleClaim)?.Value is { } roleName
            && Enum.TryParse<GatewayRole>(roleName, out var role) && context.User.FindFirst(Caller.SubjectClaim)?.Value is { } subject)
        {
            var limits = role switch
            {
                GatewayRole.Partner => options.RateLimit,
                GatewayRole.User => options.UserRateLimit,
                _ => options.BankRateLimit,
            };
            return ($"{role.ToString().ToLowerInvariant()}:{subject}", limits);
        }

        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return ($"ip:{(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)}", options.UnauthenticatedRateLimit);
    }
}
