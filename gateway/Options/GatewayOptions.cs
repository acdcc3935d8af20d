using System.ComponentModel.DataAnnotations;
using Actors.Hosting;

namespace Actors.Gateway.Options;

/// <summary>Settings of the HTTP gateway (section <c>Actors:Gateway</c>); checked by <see cref="GatewayOptionsValidator"/>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Actors:Gateway";
    public const int DefaultMaxRequestBodyBytes = 16 * 1024;
    public const long DefaultMaxAmountMinor = 1_000_000_00;
    public const int DefaultLongPollSeconds = 20;
    public const int DefaultMaxRequestTargetBytes = 2 * 1024;
    public const int DefaultMaxRequestHeadersBytes = 8 * 1024;

    /// <summary>Kestrel's own limits are this many times the gateway's, so the gateway answers first (in problem details).</summary>
    public const int ServerLimitFactor = 4;

    /// <summary>
    /// host:port of a running cluster's Orleans gateway, or several separated by commas (calls move to the others when
    /// one dies); empty, with no <see cref="Clustering"/>, (the default) starts an embedded silo.
    /// </summary>
    public string? OrleansGateway { get; set; }

    /// <summary>
    /// Redis or PostgreSQL: find the cluster's gateways in its membership table instead, through
    /// <c>Actors:Redis:ConnectionString</c> or <c>Actors:PostgreSQL:ConnectionString</c> (the silos' own keys).
    /// </summary>
    public string? Clustering { get; set; }

    /// <summary>The cluster <see cref="OrleansGateway"/> or <see cref="Clustering"/> names, set (and checked) by <see cref="GatewayOptionsValidator.Load"/>.</summary>
    public ClusterAddress Cluster { get; internal set; } = ClusterAddress.Embedded;

    /// <summary>Failover of the cluster client (section <c>Actors:Client</c>, flags --gateway-refresh and --response-timeout), set by <see cref="GatewayOptionsValidator.Load"/>.</summary>
    public ClientFailoverOptions Failover { get; internal set; } = new();

    /// <summary>Cluster id of that cluster. Default "actors".</summary>
    [Required]
    public string ClusterId { get; set; } = ActorsSiloOptions.DefaultClusterId;

    /// <summary>Service id of that cluster. Default "actors".</summary>
    [Required]
    public string ServiceId { get; set; } = ActorsSiloOptions.DefaultServiceId;

    /// <summary>Largest request body accepted; bigger ones get 413. Default 16 KiB.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// Longest request target (path and query, as sent) accepted; longer ones get 414 problem details. Default 2 KiB;
    /// Kestrel's request-line limit is <see cref="ServerLimitFactor"/> times this (8 KiB by default).
    /// </summary>
    [Range(256, 64 * 1024)]
    public int MaxRequestTargetBytes { get; set; } = DefaultMaxRequestTargetBytes;

    /// <summary>
    /// Largest total of request header lines (name, value and 4 bytes of separators each) accepted; more gets 431
    /// problem details. Default 8 KiB; Kestrel's header limit is <see cref="ServerLimitFactor"/> times this (32 KiB by default).
    /// </summary>
    [Range(1024, 256 * 1024)]
    public int MaxRequestHeadersBytes { get; set; } = DefaultMaxRequestHeadersBytes;

    /// <summary>Largest single deposit a bank may post, in minor units. Default 100,000,000 (1,000,000.00).</summary>
    [Range(1, long.MaxValue)]
    public long MaxAmountMinor { get; set; } = DefaultMaxAmountMinor;

    /// <summary>How often an open notification stream polls the inbox. Default 500 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan NotificationPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait a long-poll request may ask for (waitSeconds). Default 20 s.</summary>
    [Range(0, 300)]
    public int MaxLongPollSeconds { get; set; } = DefaultLongPollSeconds;

    /// <summary>Who may call, with which key: partners, users and banks.</summary>
    public List<CredentialOptions> Credentials { get; set; } = [];

    /// <summary>Signed partner tokens (JWT, HS256) beside the API keys; off while no signing key is configured.</summary>
    public PartnerTokenOptions PartnerTokens { get; set; } = new();

    /// <summary>Token bucket of each partner (default burst 200, 100 per second).</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Token bucket of each user (default burst 60, 10 per second: a person's app, not a batch job).</summary>
    public RateLimitOptions UserRateLimit { get; set; } = new() { TokenLimit = 60, TokensPerPeriod = 10 };

    /// <summary>Token bucket of each bank (default burst 1000, 500 per second).</summary>
    public RateLimitOptions BankRateLimit { get; set; } = new() { TokenLimit = 1000, TokensPerPeriod = 500 };

    /// <summary>
    /// Token bucket of each client IP address for requests without valid credentials (default burst 20, 5 per
    /// second): missing, unknown or expired keys, and the unauthenticated endpoints (health, OpenAPI).
    /// </summary>
    public RateLimitOptions UnauthenticatedRateLimit { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 5 };
}
