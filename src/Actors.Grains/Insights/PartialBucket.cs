namespace Actors.Insights;

/// <summary>
/// One (region, category group) bucket being summed inside a collector between two pushes. Users are
/// a <see cref="HashSet{T}"/> here (about 20-40 bytes per distinct user, short-lived: one flush
/// interval); they become a sorted array of 8 bytes each when the bucket is sealed into a batch.
/// </summary>
internal sealed class PartialBucket
{
    private readonly List<CurrencyTotal> _currencies = new(1);
    private readonly HashSet<ulong> _users = [];
    private long _transactions;
    private DateTimeOffset _first = DateTimeOffset.MaxValue;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>Adds a validated event; false (and nothing changed) when a currency total would overflow.</summary>
    public bool TryAdd(in InsightEvent insight)
    {
        var index = IndexOf(insight.Amount.Currency);
        var current = index < 0 ? new CurrencyTotal(insight.Amount.Currency, 0, 0) : _currencies[index];
        long total;
        try
        {
            total = checked(current.TotalMinor + insight.Amount.Minor);
        }
        catch (OverflowException)
        {
            return false;
        }

        var updated = current with { Transactions = current.Transactions + 1, TotalMinor = total };
        if (index < 0)
        {
            _currencies.Add(updated);
        }
        else
        {
            _currencies[index] = updated;
        }

        _transactions++;
        _users.Add(insight.UserKey);
        _first = insight.Time < _first ? insight.Time : _first;
        _last = insight.Time > _last ? insight.Time : _last;
        return true;
    }

    public BucketPartial Seal(MerchantCategoryGroup group) =>
        new(group, _transactions, _currencies.ToArray(), SortedKeys.Of(_users), _first, _last);

    private int IndexOf(Money.Currency currency)
    {
        for (var i = 0; i < _currencies.Count; i++)
        {
            if (_currencies[i].Currency == currency)
            {
                return i;
            }
        }

        return -1;
    }
}
