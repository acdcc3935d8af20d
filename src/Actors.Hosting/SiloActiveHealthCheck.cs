using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Hosting;

/// <summary>
/// Readiness: healthy only while this silo is Active in the cluster's membership, so a load balancer
/// or compose healthcheck sends no traffic to a silo that is still joining or already shutting down.
/// </summary>
internal sealed class SiloActiveHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public const string Name = "silo-active";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {oracle.SiloAddress} is Active")
            : HealthCheckResult.Unhealthy($"silo {oracle.SiloAddress} is {status}, not Active"));
    }
}
