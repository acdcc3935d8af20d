using Actors.Insights;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Actors.Hosting;

/// <summary>
/// Pushes this silo's merchant-insight partials to the region grains while the silo is still Active, as the
/// first thing its shutdown does. Left to the collector's own deactivation, the push ran after the silo had
/// left the cluster: placement found no compatible silo and logged ~190 lines of retries with stack traces
/// at the end of every single-silo run (e.g. 'simulator replay --fraud-report'), and the partials were lost.
/// </summary>
internal sealed class InsightsShutdownFlush(IGrainFactory grains, ILogger<InsightsShutdownFlush> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan FlushDeadline = TimeSpan.FromSeconds(10);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(InsightsShutdownFlush), ServiceLifecycleStage.Active, _ => Task.CompletedTask, FlushAsync);

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await grains.GetGrain<IMerchantInsightsCollector>(0).Flush().WaitAsync(FlushDeadline, cancellationToken);
            if (report.Pending > 0)
            {
                logger.LogWarning("Merchant insights: {Pending} batches still undelivered at shutdown", report.Pending);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning("Merchant insights could not be pushed at shutdown: {Error}", e.Message);
        }
    }
}
