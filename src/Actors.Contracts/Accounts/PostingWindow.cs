using System.Buffers.Binary;

namespace Actors.Accounts;

/// <summary>
/// The idempotency window packed into one byte array, <see cref="RecordSize"/> bytes a record: an array of bytes
/// is stored and copied as one block, where an array of records costs the serializer a header per field of each
/// record on every write of the hot state. Layout (little-endian): id hash (8), amount check (4), balance after
/// (8), kind (1), outcome (1), reason (1), reserved (1). A record whose kind is 0 is an empty slot.
/// </summary>
public static class PostingWindow
{
    public const int RecordSize = 24;

    public static byte[] Create(int records) => new byte[records * RecordSize];

    public static int Count(byte[] packed) => packed.Length / RecordSize;

    public static PostingRecord Read(byte[] packed, int index)
    {
        var span = packed.AsSpan(index * RecordSize, RecordSize);
        return new PostingRecord
        {
            IdHash = BinaryPrimitives.ReadUInt64LittleEndian(span),
            AmountCheck = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]),
            BalanceAfterMinor = BinaryPrimitives.ReadInt64LittleEndian(span[12..]),
            Kind = (PostingKind)span[20],
            Outcome = (PostingOutcome)span[21],
            Reason = (DeclineReason)span[22],
        };
    }

    /// <summary>The id hash of record <paramref name="index"/> and whether the slot holds a record (the replay check's fast path).</summary>
    public static (ulong IdHash, bool Used) Key(byte[] packed, int index)
    {
        var offset = index * RecordSize;
        return (BinaryPrimitives.ReadUInt64LittleEndian(packed.AsSpan(offset, 8)), packed[offset + 20] != 0);
    }

    public static void Write(byte[] packed, int index, PostingRecord record)
    {
        var span = packed.AsSpan(index * RecordSize, RecordSize);
        BinaryPrimitives.WriteUInt64LittleEndian(span, record.IdHash);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], record.AmountCheck);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], record.BalanceAfterMinor);
        span[20] = checked((byte)record.Kind);
        span[21] = checked((byte)record.Outcome);
        span[22] = checked((byte)record.Reason);
        span[23] = 0;
    }

    /// <summary>Every slot, in slot order (empty slots included).</summary>
    public static PostingRecord[] Records(byte[] packed)
    {
        var records = new PostingRecord[Count(packed)];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = Read(packed, i);
        }

        return records;
    }

    public static byte[] Pack(IReadOnlyList<PostingRecord> records, int size)
    {
        var packed = Create(size);
        for (var i = 0; i < Math.Min(records.Count, size); i++)
        {
            Write(packed, i, records[i]);
        }

        return packed;
    }
}
