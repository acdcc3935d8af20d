using System.Buffers.Binary;
using System.Text;
using Actors.Fraud;

namespace Actors.Accounts;

/// <summary>
/// An account's latest fraud alerts, packed into one byte buffer that is changed in place (oldest first; the oldest
/// goes when a new one arrives past the ring's size). As records in an array, every alert put a young object (and its
/// transaction id, merchant and country strings) into the account's long-lived state, which the next young collection
/// had to find through the card table and promote (heap walk at 2,000/s with 30 % of payments alerting: ~9,500 a
/// collection).
/// <para>
/// Layout: a format byte (<see cref="Format"/>) when not empty, then per alert (little-endian): status, decision (1 byte
/// each), score and fired rules (2 each), the instant's UTC ticks (8), its offset in minutes (2), the amount in minor
/// units (8), then the transaction id, merchant id and country, each as a 2-byte length and UTF-8.
/// </para>
/// </summary>
public static class AlertBuffer
{
    public const byte Format = 1;
    private const int FixedSize = 1 + 1 + 2 + 2 + 8 + 2 + 8;
    private const int StatusOffset = 0;

    /// <summary>Alerts in the buffer.</summary>
    public static int Count(ReadOnlySpan<byte> buffer)
    {
        var count = 0;
        for (var offset = Start(buffer); offset < buffer.Length; offset = Next(buffer, offset))
        {
            count++;
        }

        return count;
    }

    /// <summary>The alerts, oldest first.</summary>
    public static List<FraudAlertRecord> Read(ReadOnlySpan<byte> buffer)
    {
        var alerts = new List<FraudAlertRecord>();
        for (var offset = Start(buffer); offset < buffer.Length; offset = Next(buffer, offset))
        {
            alerts.Add(ReadAt(buffer, offset));
        }

        return alerts;
    }

    /// <summary>The newest alert, or null when there is none (decodes only that one).</summary>
    public static FraudAlertRecord? Newest(ReadOnlySpan<byte> buffer)
    {
        var newest = -1;
        for (var offset = Start(buffer); offset < buffer.Length; offset = Next(buffer, offset))
        {
            newest = offset;
        }

        return newest < 0 ? null : ReadAt(buffer, newest);
    }

    /// <summary>Packs <paramref name="alerts"/> (oldest first) into a new buffer of exactly their size.</summary>
    public static byte[] Pack(IEnumerable<FraudAlertRecord> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var buffer = Array.Empty<byte>();
        var length = 0;
        foreach (var alert in alerts)
        {
            length = AppendInto(ref buffer, length, alert, int.MaxValue);
        }

        return length == buffer.Length ? buffer : buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// Appends <paramref name="alert"/> to the <paramref name="length"/> bytes of <paramref name="buffer"/>, first dropping
    /// the oldest alerts so that at most <paramref name="kept"/> remain; returns the new length. The buffer is replaced
    /// only when the alert does not fit, then by one with room for <paramref name="kept"/> alerts of this one's size.
    /// </summary>
    public static int AppendInto(ref byte[] buffer, int length, FraudAlertRecord alert, int kept)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentOutOfRangeException.ThrowIfLessThan(kept, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, buffer.Length);
        while (Count(buffer.AsSpan(0, length)) >= kept)
        {
            length = RemoveOldest(buffer, length);
        }

        var start = length == 0 ? 1 : length;
        var size = SizeOf(alert);
        if (start + size > buffer.Length)
        {
            var room = 1L + ((long)Math.Min(kept, 64) * (size + 16));
            var grown = new byte[(int)Math.Min(Math.Max(start + size, Math.Max(room, 2L * buffer.Length)), Array.MaxLength)];
            buffer.AsSpan(0, length).CopyTo(grown);
            buffer = grown;
        }

        buffer[0] = Format;
        Write(buffer.AsSpan(start, size), alert);
        return start + size;
    }

    /// <summary>Where the newest alert for <paramref name="transactionId"/> starts, or -1; compares the ids where they lie.</summary>
    public static int Find(ReadOnlySpan<byte> buffer, string transactionId)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        var found = -1;
        for (var offset = Start(buffer); offset < buffer.Length; offset = Next(buffer, offset))
        {
            if (Utf8Equals(String(buffer, offset, 0), transactionId))
            {
                found = offset;
            }
        }

        return found;
    }

    /// <summary>The alert that starts at <paramref name="offset"/> (from <see cref="Find"/>).</summary>
    public static FraudAlertRecord ReadAt(ReadOnlySpan<byte> buffer, int offset)
    {
        var span = buffer[offset..];
        var status = (FraudAlertStatus)span[StatusOffset];
        var decision = (FraudDecision)span[1];
        var score = BinaryPrimitives.ReadInt16LittleEndian(span[2..]);
        var fired = (FraudRules)BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(span[6..]);
        var offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(span[14..]);
        var amount = BinaryPrimitives.ReadInt64LittleEndian(span[16..]);
        var at = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
        return new FraudAlertRecord(Encoding.UTF8.GetString(String(buffer, offset, 0)), at, amount, Encoding.UTF8.GetString(String(buffer, offset, 1)),
            Encoding.UTF8.GetString(String(buffer, offset, 2)), new FraudAssessment(score, fired, decision), status);
    }

    /// <summary>Changes the status of the alert at <paramref name="offset"/> in place.</summary>
    public static void SetStatus(Span<byte> buffer, int offset, FraudAlertStatus status) => buffer[offset + StatusOffset] = (byte)status;

    private static int RemoveOldest(byte[] buffer, int length)
    {
        var span = buffer.AsSpan(0, length);
        var next = Next(span, Start(span));
        if (next >= length)
        {
            return 0;
        }

        span[next..].CopyTo(buffer.AsSpan(1));
        return 1 + length - next;
    }

    private static int SizeOf(FraudAlertRecord alert) =>
        FixedSize + 6 + Encoding.UTF8.GetByteCount(alert.TransactionId) + Encoding.UTF8.GetByteCount(alert.MerchantId) + Encoding.UTF8.GetByteCount(alert.Country);

    private static void Write(Span<byte> span, FraudAlertRecord alert)
    {
        span[StatusOffset] = (byte)alert.Status;
        span[1] = (byte)alert.Assessment.Decision;
        BinaryPrimitives.WriteInt16LittleEndian(span[2..], alert.Assessment.Score);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)alert.Assessment.Fired);
        BinaryPrimitives.WriteInt64LittleEndian(span[6..], alert.At.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[14..], checked((short)alert.At.Offset.TotalMinutes));
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], alert.AmountMinor);
        var at = FixedSize;
        foreach (var text in (ReadOnlySpan<string>)[alert.TransactionId, alert.MerchantId, alert.Country])
        {
            var written = Encoding.UTF8.GetBytes(text, span[(at + 2)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], checked((ushort)written));
            at += 2 + written;
        }
    }

    private static ReadOnlySpan<byte> String(ReadOnlySpan<byte> buffer, int offset, int index)
    {
        var at = offset + FixedSize;
        for (var i = 0; ; i++)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(buffer[at..]);
            if (i == index)
            {
                return buffer.Slice(at + 2, length);
            }

            at += 2 + length;
        }
    }

    private static bool Utf8Equals(ReadOnlySpan<byte> utf8, string text)
    {
        Span<byte> encoded = stackalloc byte[256];
        return Encoding.UTF8.GetMaxByteCount(text.Length) <= encoded.Length
            ? utf8.SequenceEqual(encoded[..Encoding.UTF8.GetBytes(text, encoded)])
            : utf8.SequenceEqual(Encoding.UTF8.GetBytes(text));
    }

    private static int Start(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > 0 && buffer[0] != Format)
        {
            throw new InvalidDataException($"Fraud alerts are in format {buffer[0]}; this version reads format {Format}.");
        }

        return buffer.Length == 0 ? 0 : 1;
    }

    private static int Next(ReadOnlySpan<byte> buffer, int offset)
    {
        var at = offset + FixedSize;
        for (var i = 0; i < 3; i++)
        {
            at += 2 + BinaryPrimitives.ReadUInt16LittleEndian(buffer[at..]);
        }

        return at;
    }
}
