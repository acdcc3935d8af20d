namespace Actors.Domain;

/// <summary>Appends to a list and drops the oldest items past a capacity; returns how many were dropped.</summary>
public static class BoundedLog
{
    public static int Append<T>(List<T> items, T item, int capacity)
    {
        items.Add(item);
        var excess = items.Count - capacity;
        if (excess <= 0)
        {
            return 0;
        }

        items.RemoveRange(0, excess);
        return excess;
    }
}
