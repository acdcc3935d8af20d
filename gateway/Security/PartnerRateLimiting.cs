using System.Threading.RateLimiting;
using Actors.Gateway.Errors;
using Actors.Gateway.Options;

namespace Actors.Gateway.Security;

/// <summary>
/// One token bucket per partner (partitioned by the authenticated partner id), so one busy partner
/// cannot starve another; a refusal is 429 with problem details and a Retry-After when known.
/// </summary>
public static class PartnerRateLimiting
{
    public static IServiceCollection AddPartnerRateLimiting(this IServiceCollection services, RateLimitOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(GatewayPolicies.PartnerRateLimit, context =>
            {
                var subject = context.User.FindFirst(Caller.SubjectClaim)?.Value;
                return subject is null
                    ? RateLimitPartition.GetNoLimiter("anonymous")
                    : RateLimitPartition.GetTokenBucketLimiter(subject, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.TokenLimit,
                        TokensPerPeriod = options.TokensPerPeriod,
                        ReplenishmentPeriod = options.ReplenishmentPeriod,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.OnRejected = async (rejected, _) =>
            {
                var http = rejected.HttpContext;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var caller = http.User.FindFirst(Caller.SubjectClaim)?.Value ?? "anonymous";
                http.RequestServices.GetRequiredService<GatewayAccessLog>().Denied($"partner:{caller}", http.Request.Method, http.Request.Path, "rate limited");
                await GatewayProblems.Write(http, StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests",
                    $"Partner '{caller}' exceeded {options.TokensPerPeriod} requests per {options.ReplenishmentPeriod} (burst {options.TokenLimit}).");
            };
        });
        return services;
    }
}
