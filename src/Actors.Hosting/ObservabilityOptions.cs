using System.ComponentModel.DataAnnotations;

namespace Actors.Hosting;

/// <summary>
/// What the silo's web host serves (section <c>Actors:Observability</c>); its port is
/// <see cref="ActorsSiloOptions.HttpPort"/>. Health endpoints are fixed at /health/live and /health/ready.
/// </summary>
public sealed class ObservabilityOptions : IValidatableObject
{
    public const string SectionName = "Actors:Observability";
    public const string DefaultDashboardPath = "/dashboard";
    public const string DefaultMetricsPath = "/metrics";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string PathPattern = "^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$";
    private const string PathError = "must be an absolute path such as /metrics (letters, digits, _ . - and /, no trailing /)";

    /// <summary>
    /// Serve the Orleans Dashboard (default true). It profiles every grain call, which costs a little
    /// on the hot path: a capacity run that wants every microsecond can turn it off.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Where the dashboard is served (default /dashboard).</summary>
    [Required, RegularExpression(PathPattern, ErrorMessage = PathError)]
    public string DashboardPath { get; set; } = DefaultDashboardPath;

    /// <summary>Where Prometheus scrapes the metrics (default /metrics).</summary>
    [Required, RegularExpression(PathPattern, ErrorMessage = PathError)]
    public string MetricsPath { get; set; } = DefaultMetricsPath;

    /// <summary>
    /// The address the web host listens on (default 127.0.0.1: only this machine reaches the dashboard and metrics). Set
    /// 0.0.0.0 where a scraper on another host or container must reach it (docker-compose does, with <see cref="ApiKey"/>).
    /// </summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// When set, the dashboard and the metrics answer only requests with <c>Authorization: Bearer &lt;key&gt;</c> (a
    /// browser may pass <c>?key=&lt;key&gt;</c> once for the dashboard); others get 401. Health endpoints stay open for
    /// orchestrators. At least 16 characters.
    /// </summary>
    [MinLength(16)]
    public string? ApiKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!System.Net.IPAddress.TryParse(BindAddress, out _))
        {
            yield return new ValidationResult("must be an IP address such as 127.0.0.1 or 0.0.0.0", [nameof(BindAddress)]);
        }

        if (string.Equals(DashboardPath, MetricsPath, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("must differ from DashboardPath", [nameof(MetricsPath)]);
        }

        foreach (var (name, path) in new[] { (nameof(DashboardPath), DashboardPath), (nameof(MetricsPath), MetricsPath) })
        {
            if (path is not null && (path.Equals("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/health/", StringComparison.OrdinalIgnoreCase)))
            {
                yield return new ValidationResult("must not be under /health, which the health endpoints use", [name]);
            }
        }
    }
}
