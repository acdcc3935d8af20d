namespace Actors.Simulation.Randomness;

/// <summary>
/// Derives independent seeds from (run seed, stream, entity index), so entity i of a stream gets the
/// same values whatever else is generated: adding a field or a stream later shifts nothing else.
/// </summary>
public static class SeedMix
{
    /// <summary>Streams of randomness; never renumber them (that would change every trace).</summary>
    public const ulong UserStream = 1;
    public const ulong UserFakerStream = 2;
    public const ulong AccountFakerStream = 3;
    public const ulong MerchantStream = 4;
    public const ulong MerchantFakerStream = 5;
    public const ulong TrafficStream = 6;
    public const ulong AccountStream = 7;
    public const ulong DeviceStream = 8;
    public const ulong ChargebackStream = 9;
    public const ulong LabelNoiseStream = 10;
    public const ulong AtmStream = 11;
    public const ulong UserPlaceStream = 12;
    public const ulong MerchantPlaceStream = 13;
    public const ulong CardStream = 14;
    public const ulong CardChoiceStream = 15;

    public static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Of(long seed, ulong stream, long index)
    {
        var state = unchecked((ulong)seed);
        state ^= SplitMix(ref state) ^ (stream * 0xD1B54A32D192ED03UL);
        state ^= SplitMix(ref state) ^ unchecked((ulong)index * 0xA24BAED4963EE407UL);
        return SplitMix(ref state);
    }

    /// <summary>A 31-bit seed for Bogus (its Randomizer takes an int).</summary>
    public static int ForBogus(long seed, ulong stream, long index) => (int)(Of(seed, stream, index) & 0x7FFF_FFFF);
}
