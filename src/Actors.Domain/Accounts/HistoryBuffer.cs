using System.Buffers.Binary;
using System.Text;

namespace Actors.Accounts;

/// <summary>
/// History entries packed into one byte array, oldest first: how an account's pending history (the entries waiting in
/// the hot state for a page of their own) is held and stored. As objects, an entry cost ~120 bytes resident (the
/// record and its transaction-id string) and each posting left two objects for the young collections to promote;
/// packed, ~40 bytes. The pending buffer of an account is changed in place (<see cref="AppendInto"/>,
/// <see cref="RemoveOldest"/>): a posting allocates nothing that the account's long-lived state then points at (a new
/// array per posting gave that state a young reference each time, see AccountState). Readers
/// take what they need synchronously (<see cref="Read(ReadOnlySpan{byte})"/> copies the entries out).
/// <para>
/// Layout: a format byte (<see cref="Format"/>) when not empty, then per entry (little-endian): kind, outcome, reason
/// (1 byte each), amount and balance after (8 each), the instant's UTC ticks (8) and offset in minutes (2), then the
/// transaction id (7-bit length, UTF-8) and the counterparty (7-bit length + 1, 0 for none, UTF-8).
/// </para>
/// </summary>
public static class HistoryBuffer
{
    public const byte Format = 1;
    private const int FixedSize = 3 + 8 + 8 + 8 + 2;

    // Room per expected entry beyond the size of the one being added: ids and counterparties vary in length.
    private const int SizeSlack = 16;

    public static int Count(ReadOnlySpan<byte> buffer)
    {
        var count = 0;
        for (var offset = Start(buffer); offset < buffer.Length; offset = Next(buffer, offset))
        {
            count++;
        }

        return count;
    }

    /// <summary>The entries, oldest first.</summary>
    public static List<HistoryEntry> Read(ReadOnlySpan<byte> buffer)
    {
        var entries = new List<HistoryEntry>();
        for (var offset = Start(buffer); offset < buffer.Length;)
        {
            entries.Add(ReadEntry(buffer, ref offset));
        }

        return entries;
    }

    /// <summary>
    /// The newest entry carrying <paramref name="transactionId"/>, or null: compares the ids where they lie, so a posting
    /// that is not a repeat (almost every one) allocates nothing here.
    /// </summary>
    public static HistoryEntry? FindLast(ReadOnlySpan<byte> buffer, string transactionId)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        Span<byte> id = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(transactionId.Length, 256))];
        if (transactionId.Length > 256)
        {
            return null; // longer than any id a posting accepts (1-64 characters)
        }

        id = id[..Encoding.UTF8.GetBytes(transactionId, id)];
        var found = -1;
        for (var offset = Start(buffer); offset < buffer.Length; offset = Next(buffer, offset))
        {
            var at = offset + FixedSize;
            var length = (int)Read7Bit(buffer, ref at);
            if (buffer.Slice(at, length).SequenceEqual(id))
            {
                found = offset;
            }
        }

        return found < 0 ? null : ReadEntry(buffer, ref found);
    }

    public static byte[] Pack(IEnumerable<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var buffer = Array.Empty<byte>();
        var length = 0;
        foreach (var entry in entries)
        {
            length = AppendInto(ref buffer, length, entry);
        }

        return length == buffer.Length ? buffer : buffer.AsSpan(0, length).ToArray();
    }

    private static int SizeOf(HistoryEntry entry)
    {
        var id = Encoding.UTF8.GetByteCount(entry.TransactionId);
        var counterparty = entry.Counterparty is null ? -1 : Encoding.UTF8.GetByteCount(entry.Counterparty);
        return FixedSize + SizeOf7Bit((uint)id) + id + SizeOf7Bit((uint)(counterparty + 1)) + Math.Max(0, counterparty);
    }

    private static void Write(Span<byte> span, HistoryEntry entry)
    {
        var id = Encoding.UTF8.GetByteCount(entry.TransactionId);
        var counterparty = entry.Counterparty is null ? -1 : Encoding.UTF8.GetByteCount(entry.Counterparty);
        span[0] = checked((byte)entry.Kind);
        span[1] = checked((byte)entry.Outcome);
        span[2] = checked((byte)entry.Reason);
        BinaryPrimitives.WriteInt64LittleEndian(span[3..], entry.AmountMinor);
        BinaryPrimitives.WriteInt64LittleEndian(span[11..], entry.BalanceAfterMinor);
        BinaryPrimitives.WriteInt64LittleEndian(span[19..], entry.At.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[27..], checked((short)entry.At.TotalOffsetMinutes));
        var at = FixedSize;
        at += Write7Bit(span[at..], (uint)id);
        at += Encoding.UTF8.GetBytes(entry.TransactionId, span[at..]);
        at += Write7Bit(span[at..], (uint)(counterparty + 1));
        if (entry.Counterparty is not null)
        {
            Encoding.UTF8.GetBytes(entry.Counterparty, span[at..]);
        }
    }

    /// <summary>The oldest <paramref name="count"/> entries (fewer when the buffer holds fewer).</summary>
    public static List<HistoryEntry> Oldest(ReadOnlySpan<byte> buffer, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var oldest = new List<HistoryEntry>(count);
        var offset = Start(buffer);
        while (oldest.Count < count && offset < buffer.Length)
        {
            oldest.Add(ReadEntry(buffer, ref offset));
        }

        return oldest;
    }

    /// <summary>
    /// Appends <paramref name="entry"/> to the <paramref name="length"/> bytes of <paramref name="buffer"/> in place and
    /// returns the new length. Only when the entry does not fit is a larger buffer made: for a first entry, just its
    /// size (an account opened and funded once, the most common in a large population, keeps no spare room); after
    /// that, room for <paramref name="expectedEntries"/> entries of about this one's size (or twice the size, whichever
    /// is more), so that a buffer filled to a page and emptied again is made once and then reused for every posting.
    /// </summary>
    public static int AppendInto(ref byte[] buffer, int length, HistoryEntry entry, int expectedEntries = 0, Func<int, byte[]>? allocate = null)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, buffer.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedEntries);
        var start = length == 0 ? 1 : length;
        var size = SizeOf(entry);
        if (start + size > buffer.Length)
        {
            var wanted = buffer.Length == 0 ? 0 : Math.Max(2L * buffer.Length, 1L + ((long)expectedEntries * (size + SizeSlack)));
            var needed = (int)Math.Min(Math.Max(start + size, wanted), Array.MaxLength);
            var grown = allocate?.Invoke(needed) ?? new byte[needed];
            buffer.AsSpan(0, length).CopyTo(grown);
            buffer = grown;
        }

        buffer[0] = Format;
        Write(buffer.AsSpan(start, size), entry);
        return start + size;
    }

    /// <summary>
    /// Removes the oldest <paramref name="count"/> entries from the <paramref name="length"/> bytes of
    /// <paramref name="buffer"/> in place (the rest moves to the front) and returns the new length.
    /// </summary>
    public static int RemoveOldest(byte[] buffer, int length, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, buffer.Length);
        var span = buffer.AsSpan(0, length);
        var offset = Start(span);
        for (var i = 0; i < count && offset < span.Length; i++)
        {
            offset = Next(span, offset);
        }

        if (offset >= length)
        {
            return 0;
        }

        span[offset..].CopyTo(buffer.AsSpan(1));
        return 1 + length - offset;
    }

    private static int Start(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > 0 && buffer[0] != Format)
        {
            throw new InvalidDataException($"Pending history is in format {buffer[0]}; this version reads format {Format}.");
        }

        return buffer.Length == 0 ? 0 : 1;
    }

    private static int Next(ReadOnlySpan<byte> buffer, int offset)
    {
        var at = offset + FixedSize;
        var id = (int)Read7Bit(buffer, ref at); // moves 'at' past the length: add after, not in a compound assignment
        at += id;
        var counterparty = (int)Read7Bit(buffer, ref at);
        return at + Math.Max(0, counterparty - 1);
    }

    private static HistoryEntry ReadEntry(ReadOnlySpan<byte> buffer, ref int offset)
    {
        var span = buffer[offset..];
        var kind = (PostingKind)span[0];
        var outcome = (PostingOutcome)span[1];
        var reason = (DeclineReason)span[2];
        var amount = BinaryPrimitives.ReadInt64LittleEndian(span[3..]);
        var balance = BinaryPrimitives.ReadInt64LittleEndian(span[11..]);
        var offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(span[27..]);
        var at = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(span[19..]), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
        var position = offset + FixedSize;
        var idLength = (int)Read7Bit(buffer, ref position);
        var id = Encoding.UTF8.GetString(buffer.Slice(position, idLength));
        position += idLength;
        var counterpartyLength = (int)Read7Bit(buffer, ref position) - 1;
        string? counterparty = null;
        if (counterpartyLength >= 0)
        {
            counterparty = Encoding.UTF8.GetString(buffer.Slice(position, counterpartyLength));
            position += counterpartyLength;
        }

        offset = position;
        return new HistoryEntry(id, kind, outcome, reason, amount, balance, at, counterparty);
    }

    private static int SizeOf7Bit(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static int Write7Bit(Span<byte> span, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        return i;
    }

    private static uint Read7Bit(ReadOnlySpan<byte> buffer, ref int offset)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = buffer[offset++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Pending history holds a malformed length.");
    }
}
