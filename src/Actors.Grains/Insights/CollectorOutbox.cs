using Actors.Errors;

namespace Actors.Insights;

/// <summary>
/// Batches waiting to reach their region grain, one queue per region. Each batch gets the next
/// sequence number of this source; a region's batches are sent strictly in order and a failed send
/// stops that region until the next flush, so the region grain's "highest sequence seen" check can
/// tell a resend from a new batch. At-least-once delivery, exactly-once counting.
/// </summary>
public sealed class CollectorOutbox
{
    private readonly Dictionary<string, Queue<InsightBatch>> _pending = new(StringComparer.Ordinal);
    private readonly int _maxPendingPerRegion;
    private long _sequence;
    private int _dropped;

    /// <param name="source">This collector activation's id, stamped on every batch.</param>
    /// <param name="maxPendingPerRegion">Batches kept per unreachable region before the oldest is given up.</param>
    public CollectorOutbox(Guid source, int maxPendingPerRegion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingPerRegion, 1);
        Source = source;
        _maxPendingPerRegion = maxPendingPerRegion;
    }

    public Guid Source { get; }

    /// <summary>Batches not yet delivered.</summary>
    public int Pending => _pending.Values.Sum(q => q.Count);

    /// <summary>Turns each region's partials into a numbered batch at the end of its region's queue.</summary>
    public void Enqueue(IEnumerable<RegionPartials> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        foreach (var region in regions)
        {
            if (!_pending.TryGetValue(region.Region, out var queue))
            {
                queue = new Queue<InsightBatch>();
                _pending.Add(region.Region, queue);
            }

            queue.Enqueue(new InsightBatch(Source, ++_sequence, region.Region, region.Buckets));
            if (queue.Count > _maxPendingPerRegion)
            {
                // The region grain has been failing for a while; bounded memory wins over those counts.
                queue.Dequeue();
                _dropped++;
            }
        }
    }

    /// <summary>
    /// Sends every region's queue in order through <paramref name="send"/>, regions in parallel. A
    /// <see cref="DomainException"/> means the batch itself is malformed: it is dropped, since resending
    /// cannot help. Any other failure keeps the batch and the rest of its region's queue for the next flush.
    /// </summary>
    public async Task<CollectorFlushReport> Deliver(Func<InsightBatch, Task> send, long rejected, Action<InsightBatch, Exception>? onFailure = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        var regions = _pending.Where(p => p.Value.Count > 0).ToArray();
        var outcomes = await Task.WhenAll(regions.Select(r => DeliverRegion(r.Value, send, onFailure)));

        foreach (var region in regions.Where(r => r.Value.Count == 0))
        {
            _pending.Remove(region.Key);
        }

        var report = new CollectorFlushReport(
            outcomes.Sum(o => o.Transactions), outcomes.Sum(o => o.Batches), Pending, rejected, _dropped + outcomes.Sum(o => o.Dropped));
        _dropped = 0;
        return report;
    }

    private static async Task<(long Transactions, int Batches, int Dropped)> DeliverRegion(
        Queue<InsightBatch> queue, Func<InsightBatch, Task> send, Action<InsightBatch, Exception>? onFailure)
    {
        long transactions = 0;
        int batches = 0, dropped = 0;
        while (queue.TryPeek(out var batch))
        {
            try
            {
                await send(batch);
                transactions += batch.Transactions;
                batches++;
            }
            catch (DomainException e)
            {
                onFailure?.Invoke(batch, e);
                dropped++;
            }
            catch (Exception e)
            {
                onFailure?.Invoke(batch, e);
                break;
            }

            queue.Dequeue();
        }

        return (transactions, batches, dropped);
    }
}
