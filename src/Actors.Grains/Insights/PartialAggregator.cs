namespace Actors.Insights;

/// <summary>
/// The collector's local sums: per (region, category group) partial buckets, filled by
/// <see cref="Add"/> on the hot path and emptied by <see cref="Take"/> when the collector pushes.
/// Plain class, no Orleans: the grain is a thin shell around it.
/// </summary>
public sealed class PartialAggregator
{
    private readonly Dictionary<(string Region, MerchantCategoryGroup Group), PartialBucket> _buckets = [];

    /// <summary>Events counted since the last <see cref="Take"/>.</summary>
    public long Held { get; private set; }

    /// <summary>Invalid events refused since the last <see cref="Take"/>.</summary>
    public long Rejected { get; private set; }

    /// <summary>Counts the event, or refuses it and says why (nothing counted).</summary>
    public string? Add(in InsightEvent insight)
    {
        var problem = InsightEventRules.Problem(insight);
        if (problem is null)
        {
            var key = (insight.Region, MerchantCategoryGroups.Of(insight.MerchantCategory));
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                bucket = new PartialBucket();
                _buckets.Add(key, bucket);
            }

            problem = bucket.TryAdd(insight) ? null : $"Amount {insight.Amount} overflows the bucket's total";
        }

        if (problem is null)
        {
            Held++;
        }
        else
        {
            Rejected++;
        }

        return problem;
    }

    /// <summary>Seals everything held into one list of partial buckets per region, and starts empty again.</summary>
    public IReadOnlyList<RegionPartials> Take()
    {
        var regions = _buckets
            .GroupBy(b => b.Key.Region, StringComparer.Ordinal)
            .Select(g => new RegionPartials(g.Key, g.OrderBy(b => b.Key.Group).Select(b => b.Value.Seal(b.Key.Group)).ToArray()))
            .ToArray();
        _buckets.Clear();
        Held = 0;
        Rejected = 0;
        return regions;
    }
}

/// <summary>The sealed partial buckets of one region, ready to become a batch.</summary>
public sealed record RegionPartials(string Region, IReadOnlyList<BucketPartial> Buckets);
