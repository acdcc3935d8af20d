using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Actors.Insights;

/// <summary>
/// The hot-path entry of merchant insights: sums events into local partial buckets (a few dictionary
/// operations per event, no I/O) and pushes them to the region grains every
/// <see cref="MerchantInsightsOptions.FlushInterval"/> and on deactivation, so a region grain sees
/// one call per collector per interval instead of one per payment.
/// One worker per silo: its per-event work is far below the cost of the authorization that feeds it,
/// and a single activation makes <see cref="Flush"/> mean "everything this silo holds". The timer does
/// not interleave, so a push and the events arriving during it never race.
/// </summary>
[StatelessWorker(1)]
public sealed class MerchantInsightsCollector : Grain, IMerchantInsightsCollector
{
    private readonly MerchantInsightsOptions _options;
    private readonly ILogger<MerchantInsightsCollector> _logger;
    private readonly PartialAggregator _partials = new();
    private CollectorOutbox _outbox = null!;

    public MerchantInsightsCollector(IOptions<MerchantInsightsOptions> options, ILogger<MerchantInsightsCollector> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _outbox = new CollectorOutbox(Guid.NewGuid(), _options.MaxPendingBatches);
        this.RegisterGrainTimer(static (self, _) => self.Push(), this,
            new GrainTimerCreationOptions(_options.FlushInterval, _options.FlushInterval) { Interleave = false, KeepAlive = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            var report = await Push();
            if (report.Pending > 0)
            {
                _logger.LogWarning("Insights collector deactivating ({Reason}) with {Pending} undelivered batches", reason.ReasonCode, report.Pending);
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning("Insights collector could not push on deactivation ({Reason}): {Error}", reason.ReasonCode, e.Message);
        }
    }

    public Task Record(InsightEvent insight)
    {
        var problem = _partials.Add(insight);
        if (problem is not null && _partials.Rejected == 1)
        {
            // Once per flush interval: a misbehaving caller must not flood the log from the hot path.
            _logger.LogWarning("Insight event refused (further refusals until the next push are only counted): {Problem}", problem);
        }

        return Task.CompletedTask;
    }

    public Task<CollectorFlushReport> Flush() => Push();

    public Task<CollectorStatus> Status() => Task.FromResult(new CollectorStatus(_partials.Held, _partials.Rejected, _outbox.Pending));

    private async Task<CollectorFlushReport> Push()
    {
        var rejected = _partials.Rejected;
        _outbox.Enqueue(_partials.Take());
        var report = await _outbox.Deliver(b => GrainFactory.GetGrain<IMerchantInsightsGrain>(b.Region).Merge(b), rejected, LogFailure);
        if (report.Dropped > 0)
        {
            _logger.LogWarning("Insights collector gave up {Dropped} batches", report.Dropped);
        }

        return report;
    }

    private void LogFailure(InsightBatch batch, Exception e) =>
        _logger.LogWarning("Insight batch {Sequence} for region {Region} not delivered: {Error}", batch.Sequence, batch.Region, e.Message);
}
