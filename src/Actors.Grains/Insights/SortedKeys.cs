namespace Actors.Insights;

/// <summary>Sets of user keys as sorted, distinct <c>ulong</c> arrays: 8 bytes a key, compact to store.</summary>
public static class SortedKeys
{
    /// <summary>The sorted, distinct keys of <paramref name="keys"/>.</summary>
    public static ulong[] Of(IEnumerable<ulong> keys)
    {
        var array = keys.ToArray();
        Array.Sort(array);
        var length = 0;
        for (var i = 0; i < array.Length; i++)
        {
            if (length == 0 || array[length - 1] != array[i])
            {
                array[length++] = array[i];
            }
        }

        return length == array.Length ? array : array[..length];
    }

    /// <summary>Whether <paramref name="keys"/> is strictly ascending (sorted and distinct).</summary>
    public static bool IsSortedDistinct(ReadOnlySpan<ulong> keys)
    {
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i - 1] >= keys[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The union of two sorted, distinct arrays in one linear pass. Returns <paramref name="left"/>
    /// itself when <paramref name="right"/> adds nothing, so a steady stream of known users costs no copy.
    /// </summary>
    public static ulong[] Union(ulong[] left, ulong[] right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var added = CountMissing(left, right);
        if (added == 0)
        {
            return left;
        }

        var result = new ulong[left.Length + added];
        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length)
        {
            if (left[i] < right[j])
            {
                result[k++] = left[i++];
            }
            else if (left[i] > right[j])
            {
                result[k++] = right[j++];
            }
            else
            {
                result[k++] = left[i++];
                j++;
            }
        }

        left.AsSpan(i).CopyTo(result.AsSpan(k));
        k += left.Length - i;
        right.AsSpan(j).CopyTo(result.AsSpan(k));
        return result;
    }

    private static int CountMissing(ulong[] left, ulong[] right)
    {
        var missing = 0;
        int i = 0, j = 0;
        while (j < right.Length)
        {
            if (i == left.Length || left[i] > right[j])
            {
                missing++;
                j++;
            }
            else if (left[i] < right[j])
            {
                i++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return missing;
    }
}
