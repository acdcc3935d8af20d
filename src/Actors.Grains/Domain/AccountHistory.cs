using Actors.Accounts;

namespace Actors.Domain;

/// <summary>Appending buffered history entries to the stored history, keeping only the newest.</summary>
public static class AccountHistory
{
    /// <summary>Appends <paramref name="pending"/> to <paramref name="stored"/> in place, drops the oldest past <paramref name="capacity"/>, returns <paramref name="stored"/>.</summary>
    public static List<HistoryEntry> Append(List<HistoryEntry> stored, IEnumerable<HistoryEntry> pending, int capacity)
    {
        stored.AddRange(pending);
        var excess = stored.Count - capacity;
        if (excess > 0)
        {
            stored.RemoveRange(0, excess);
        }

        return stored;
    }
}
