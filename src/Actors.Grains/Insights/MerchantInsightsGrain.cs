using Actors.Errors;
using Microsoft.Extensions.Options;

namespace Actors.Insights;

/// <summary>
/// The stateful shell around <see cref="RegionAggregation"/> and <see cref="InsightsPublisher"/> for
/// one region (key: ISO 3166 alpha-2). Every merged batch is written before it is acknowledged, so an
/// acknowledged batch is never lost and a failed write makes the collector resend.
/// Write cost: Orleans rewrites the whole state, about 8 bytes per distinct user per bucket, once per
/// collector push (each silo's collector pushes once per flush interval). That is cheap for a region of
/// thousands of users; for a region of millions, raise the flush interval or split the key by category.
/// </summary>
public sealed class MerchantInsightsGrain : Grain, IMerchantInsightsGrain
{
    private readonly IPersistentState<MerchantInsightsState> _state;
    private readonly MerchantInsightsOptions _options;
    private readonly TimeProvider _time;

    public MerchantInsightsGrain(
        [PersistentState("insights", ActorsConstants.StorageName)] IPersistentState<MerchantInsightsState> state,
        IOptions<MerchantInsightsOptions> options,
        TimeProvider time)
    {
        _state = state;
        _options = options.Value;
        _time = time;
    }

    private string Region => this.GetPrimaryKeyString();

    public async Task Merge(InsightBatch batch)
    {
        EnsureRegionKey();
        if (!RegionAggregation.Merge(_state.State, Region, batch, _time.GetUtcNow()))
        {
            return;
        }

        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            // Memory is ahead of storage: start again from storage, and let the collector resend.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<PublishedInsights> Publish()
    {
        EnsureRegionKey();
        return Task.FromResult(InsightsPublisher.Publish(Region, _state.State, _options.K, _time.GetUtcNow()));
    }

    private void EnsureRegionKey()
    {
        if (!InsightEventRules.IsRegion(Region))
        {
            throw new DomainException(DomainError.InvalidArgument, $"Insights region '{Region}' is not an upper-case ISO 3166 alpha-2 code such as DE.");
        }
    }
}
