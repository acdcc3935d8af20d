using System.Buffers.Binary;

namespace Actors.Accounts;

/// <summary>
/// The idempotency window: a ring of the last postings' keys, <see cref="SlotSize"/> bytes each (the low 32 bits of the
/// transaction id's hash; 0 marks an empty slot). A key found here only makes a posting a candidate repeat: the
/// posting's first answer, with its whole transaction id to compare, is in the account's history (its pending entries,
/// then its pages), which always holds at least the postings the window remembers. The window used to hold the answer
/// itself (24 bytes a record, then 16): it was the largest piece of an account's resident state (768 bytes of 32
/// records), and every answer is in the history anyway. A false candidate (another id with the same 32 bits, about one
/// posting in 10^8 with a full window) costs a history lookup and is then posted as new.
/// </summary>
public static class PostingWindow
{
    public const int SlotSize = 4;

    /// <summary>Record size of the window as stored before 2026-11-29 (field <c>RecentPacked</c>), read when such a state loads.</summary>
    public const int LegacyRecordSize = 24;

    public static byte[] Create(int slots) => new byte[slots * SlotSize];

    public static int Count(byte[] window) => window.Length / SlotSize;

    /// <summary>The key a transaction id hash is remembered by (never 0, which marks an empty slot).</summary>
    public static uint KeyOf(ulong idHash) => (uint)idHash is 0 ? 1u : (uint)idHash;

    public static uint Read(byte[] window, int index) => BinaryPrimitives.ReadUInt32LittleEndian(window.AsSpan(index * SlotSize, SlotSize));

    public static void Write(byte[] window, int index, uint key) => BinaryPrimitives.WriteUInt32LittleEndian(window.AsSpan(index * SlotSize, SlotSize), key);

    public static bool Contains(byte[] window, uint key)
    {
        for (var i = 0; i < Count(window); i++)
        {
            if (Read(window, i) == key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every slot, in slot order (0 for an empty one).</summary>
    public static uint[] Keys(byte[] window)
    {
        var keys = new uint[Count(window)];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Read(window, i);
        }

        return keys;
    }

    public static byte[] Pack(IReadOnlyList<uint> keys, int size)
    {
        var window = Create(size);
        for (var i = 0; i < Math.Min(keys.Count, size); i++)
        {
            Write(window, i, keys[i]);
        }

        return window;
    }

    /// <summary>The keys of a window stored by earlier versions as records (slot order kept; an empty record gives 0).</summary>
    public static uint[] KeysOf(IReadOnlyList<PostingRecord> records) =>
        records.Select(r => r.Kind == 0 ? 0u : KeyOf(r.IdHash)).ToArray();

    /// <summary>The keys of a window stored in the 24-byte record layout (id hash 8, amount check 4, balance after 8, kind, outcome, reason, reserved).</summary>
    public static uint[] LegacyKeys(byte[] packed)
    {
        var keys = new uint[packed.Length / LegacyRecordSize];
        for (var i = 0; i < keys.Length; i++)
        {
            var span = packed.AsSpan(i * LegacyRecordSize, LegacyRecordSize);
            keys[i] = span[20] == 0 ? 0u : KeyOf(BinaryPrimitives.ReadUInt64LittleEndian(span));
        }

        return keys;
    }
}
