using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>
/// The Bloom filter over <see cref="MerchantSketch"/>: three bit positions per merchant, taken from one
/// XxHash64 of the merchant id (the same on every machine and process, so a persisted sketch stays valid).
/// </summary>
public static class MerchantSketches
{
    /// <summary>At more than this many set bits (half) the filter is cleared before adding.</summary>
    public const int MaxSetBits = 128;

    public static ulong HashOf(string merchantId) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(merchantId.AsSpan()));

    public static bool Contains(this in MerchantSketch sketch, ulong hash) =>
        IsSet(sketch, (int)(hash & 0xFF)) && IsSet(sketch, (int)((hash >> 8) & 0xFF)) && IsSet(sketch, (int)((hash >> 16) & 0xFF));

    public static int SetBits(this in MerchantSketch sketch) =>
        BitOperations.PopCount(sketch.Bits0) + BitOperations.PopCount(sketch.Bits1) + BitOperations.PopCount(sketch.Bits2) + BitOperations.PopCount(sketch.Bits3);

    public static void Add(this ref MerchantSketch sketch, ulong hash)
    {
        if (sketch.SetBits() > MaxSetBits)
        {
            // A saturated filter says "seen" to everything; starting over keeps it meaningful.
            sketch = default;
        }

        Set(ref sketch, (int)(hash & 0xFF));
        Set(ref sketch, (int)((hash >> 8) & 0xFF));
        Set(ref sketch, (int)((hash >> 16) & 0xFF));
    }

    private static bool IsSet(in MerchantSketch sketch, int bit) => (Word(sketch, bit >> 6) & (1UL << (bit & 63))) != 0;

    private static ulong Word(in MerchantSketch sketch, int index) => index switch
    {
        0 => sketch.Bits0,
        1 => sketch.Bits1,
        2 => sketch.Bits2,
        _ => sketch.Bits3,
    };

    private static void Set(ref MerchantSketch sketch, int bit)
    {
        var mask = 1UL << (bit & 63);
        switch (bit >> 6)
        {
            case 0:
                sketch.Bits0 |= mask;
                break;
            case 1:
                sketch.Bits1 |= mask;
                break;
            case 2:
                sketch.Bits2 |= mask;
                break;
            default:
                sketch.Bits3 |= mask;
                break;
        }
    }
}
