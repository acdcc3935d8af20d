using System.Buffers.Binary;

namespace Actors.Accounts;

/// <summary>
/// The idempotency window packed into one byte array, <see cref="RecordSize"/> bytes a record: an array of bytes
/// is stored and copied as one block, where an array of records costs the serializer a header per field of each
/// record on every write of the hot state. Layout (little-endian): id hash, low 48 bits (6); amount check, low 8 bits
/// (1); kind (bits 0-2), outcome (bit 3: declined), reason (bits 4-6) in one byte; balance after (8). A record whose
/// kind is 0 is an empty slot.
/// <para>
/// 16 bytes, not the 24 of the unabridged record (<see cref="LegacyRecordSize"/>), because the window is the largest
/// piece of an account's resident state (32 records, two accounts a user: 512 bytes a user saved). What the shorter
/// fields cost: a new posting is taken for a repeat only if 48 bits of its id hash, 8 bits of its amount check and its
/// kind all match a remembered one (~1 in 10^16 a posting with a full window), and it is refused as a reused id when
/// the 48 bits match and the rest does not (~1 in 10^13); a repeat with another amount is refused as a reused id
/// 255 times in 256, and otherwise answered with the first result, so no money moves either way.
/// </para>
/// </summary>
public static class PostingWindow
{
    public const int RecordSize = 16;

    /// <summary>Record size of the window as stored before 2026-11-29 (field <c>RecentPacked</c>), read when such a state loads.</summary>
    public const int LegacyRecordSize = 24;

    /// <summary>The bits of a transaction id hash a record keeps.</summary>
    public const ulong IdHashMask = 0xFFFF_FFFF_FFFF;

    /// <summary>The bits of an amount check a record keeps.</summary>
    public const uint AmountCheckMask = 0xFF;

    public static byte[] Create(int records) => new byte[records * RecordSize];

    public static int Count(byte[] packed) => packed.Length / RecordSize;

    public static PostingRecord Read(byte[] packed, int index)
    {
        var span = packed.AsSpan(index * RecordSize, RecordSize);
        var flags = span[7];
        var kind = (PostingKind)(flags & 0x7);
        return new PostingRecord
        {
            IdHash = BinaryPrimitives.ReadUInt64LittleEndian(span) & IdHashMask,
            AmountCheck = span[6],
            BalanceAfterMinor = BinaryPrimitives.ReadInt64LittleEndian(span[8..]),
            Kind = kind,
            Outcome = kind == 0 ? 0 : (flags & 0x8) != 0 ? PostingOutcome.Declined : PostingOutcome.Applied,
            Reason = (DeclineReason)((flags >> 4) & 0x7),
        };
    }

    /// <summary>The kept id hash bits of record <paramref name="index"/> and whether the slot holds a record (the replay check's fast path).</summary>
    public static (ulong IdHash, bool Used) Key(byte[] packed, int index)
    {
        var offset = index * RecordSize;
        return (BinaryPrimitives.ReadUInt64LittleEndian(packed.AsSpan(offset, 8)) & IdHashMask, (packed[offset + 7] & 0x7) != 0);
    }

    public static void Write(byte[] packed, int index, PostingRecord record)
    {
        if ((byte)record.Kind > 7 || (byte)record.Reason > 7 || record.Outcome is not (PostingOutcome.Applied or PostingOutcome.Declined) && record.Kind != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(record), record, "A window record holds a kind and reason below 8 and an outcome of Applied or Declined.");
        }

        var span = packed.AsSpan(index * RecordSize, RecordSize);
        BinaryPrimitives.WriteUInt64LittleEndian(span, record.IdHash & IdHashMask); // bytes 6 and 7 follow
        span[6] = (byte)(record.AmountCheck & AmountCheckMask);
        span[7] = (byte)((byte)record.Kind | (record.Outcome == PostingOutcome.Declined ? 0x8 : 0) | ((byte)record.Reason << 4));
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], record.BalanceAfterMinor);
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

    /// <summary>Every slot of a window stored in the 24-byte layout (id hash 8, amount check 4, balance after 8, kind, outcome, reason, reserved).</summary>
    public static PostingRecord[] LegacyRecords(byte[] packed)
    {
        var records = new PostingRecord[packed.Length / LegacyRecordSize];
        for (var i = 0; i < records.Length; i++)
        {
            var span = packed.AsSpan(i * LegacyRecordSize, LegacyRecordSize);
            records[i] = new PostingRecord
            {
                IdHash = BinaryPrimitives.ReadUInt64LittleEndian(span),
                AmountCheck = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]),
                BalanceAfterMinor = BinaryPrimitives.ReadInt64LittleEndian(span[12..]),
                Kind = (PostingKind)span[20],
                Outcome = (PostingOutcome)span[21],
                Reason = (DeclineReason)span[22],
            };
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
