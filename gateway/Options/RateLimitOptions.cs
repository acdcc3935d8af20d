using System.ComponentModel.DataAnnotations;

namespace Actors.Gateway.Options;

/// <summary>
/// A token bucket: the partner's (section <c>Actors:Gateway:RateLimit</c>), the user's (<c>UserRateLimit</c>), the
/// bank's (<c>BankRateLimit</c>) or an IP address's without credentials (<c>UnauthenticatedRateLimit</c>). The
/// defaults below are the partner's; the others are given in <see cref="GatewayOptions"/>.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Bucket size: the burst a partner may send at once. Default 200.</summary>
    [Range(1, 10_000_000)]
    public int TokenLimit { get; set; } = 200;

    /// <summary>Tokens added every <see cref="ReplenishmentPeriod"/>. Default 100.</summary>
    [Range(1, 10_000_000)]
    public int TokensPerPeriod { get; set; } = 100;

    /// <summary>Default 1 s, so the sustained rate is 100 requests per second per partner.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
