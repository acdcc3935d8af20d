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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
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
