using System.Buffers.Binary;

namespace Actors.Accounts;

/// <summary>
/// One small record per committed history page of an account, kept in its hot state, so that a transaction id can be
/// checked against every page still within the idempotency horizon without reading any of them: a 128-bit Bloom
/// filter of the page's transaction-id hashes and the instant of the page's newest entry (for retention).
/// A filter never misses an id that is in its page; it wrongly points at a page for about 1 new id in 2,000 per page
/// with 8 entries (then that page is read and the id is found absent), so a posting reads a page only for a likely
/// repeat.
/// <para>
/// Layout, <see cref="RecordSize"/> bytes per page, oldest page first, for pages [History.FirstPage, History.NextPage):
/// the filter (two little-endian 64-bit words), the newest entry's minute (32-bit, minutes since 2000-01-01 UTC,
/// rounded up so a page is never taken for older than it is) and the number of bits set per id (k).
/// </para>
/// </summary>
public static class PageFilters
{
    public const int RecordSize = 21;
    private const int Bits = 128;
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static int Count(ReadOnlySpan<byte> filters) => filters.Length / RecordSize;

    /// <summary>The record of one page: its entries' id hashes and its newest entry's instant.</summary>
    public static void Write(Span<byte> record, IReadOnlyList<ulong> idHashes, DateTimeOffset newest)
    {
        ArgumentNullException.ThrowIfNull(idHashes);
        var k = HashesPerId(idHashes.Count);
        ulong low = 0, high = 0;
        foreach (var hash in idHashes)
        {
            var (l, h) = Mask(hash, k);
            low |= l;
            high |= h;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(record, low);
        BinaryPrimitives.WriteUInt64LittleEndian(record[8..], high);
        BinaryPrimitives.WriteUInt32LittleEndian(record[16..], MinuteOf(newest));
        record[20] = (byte)k;
    }

    /// <summary>Whether page record <paramref name="index"/> may hold the id (false: it certainly does not).</summary>
    public static bool MayContain(ReadOnlySpan<byte> filters, int index, ulong idHash)
    {
        var record = filters.Slice(index * RecordSize, RecordSize);
        var (low, high) = Mask(idHash, record[20]);
        return (BinaryPrimitives.ReadUInt64LittleEndian(record) & low) == low
            && (BinaryPrimitives.ReadUInt64LittleEndian(record[8..]) & high) == high;
    }

    /// <summary>The newest entry's instant of page record <paramref name="index"/>, rounded up to the minute.</summary>
    public static DateTimeOffset Newest(ReadOnlySpan<byte> filters, int index) =>
        Epoch.AddMinutes(BinaryPrimitives.ReadUInt32LittleEndian(filters.Slice((index * RecordSize) + 16, 4)));

    /// <summary>
    /// Drops the oldest <paramref name="drop"/> of the <paramref name="length"/> bytes of records in
    /// <paramref name="filters"/> and appends <paramref name="added"/>, in place; returns the new length. Only when the
    /// records do not fit is a larger array made (twice the size): an account's filters grow one record a page for as
    /// long as its pages are kept (a day by default), and a new array per page hung on the long-lived account state
    /// is what the young collections would have to promote.
    /// </summary>
    public static int ShiftInto(ref byte[] filters, int length, int drop, ReadOnlySpan<byte> added)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentOutOfRangeException.ThrowIfNegative(drop);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, filters.Length);
        var start = Math.Min(length, drop * RecordSize);
        var kept = length - start;
        if (kept + added.Length > filters.Length)
        {
            var grown = new byte[(int)Math.Min(Math.Max(kept + added.Length, 2L * filters.Length), Array.MaxLength)];
            filters.AsSpan(start, kept).CopyTo(grown);
            filters = grown;
        }
        else
        {
            filters.AsSpan(start, kept).CopyTo(filters);
        }

        added.CopyTo(filters.AsSpan(kept));
        return kept + added.Length;
    }

    // k = (m / n) ln 2 is the optimum; at least 1, at most 16 (a page of one entry needs no more).
    private static int HashesPerId(int entries) => Math.Clamp((int)Math.Round(Bits * 0.693 / Math.Max(1, entries)), 1, 16);

    private static uint MinuteOf(DateTimeOffset at)
    {
        var minutes = Math.Ceiling((at - Epoch).TotalMinutes);
        return minutes <= 0 ? 0 : minutes >= uint.MaxValue ? uint.MaxValue : (uint)minutes;
    }

    // Each bit from its own 7 bits of a SplitMix64 sequence seeded by the id hash: double hashing (h1 + i * h2) reaches
    // only 128 x 64 patterns in a 128-bit filter, and was measured at ten times the false-positive rate.
    private static (ulong Low, ulong High) Mask(ulong hash, int k)
    {
        ulong low = 0, high = 0;
        var x = hash;
        for (var i = 0; i < k; i++)
        {
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            var bit = (int)((z ^ (z >> 31)) >> 57);
            if (bit < 64)
            {
                low |= 1UL << bit;
            }
            else
            {
                high |= 1UL << (bit - 64);
            }
        }

        return (low, high);
    }
}
