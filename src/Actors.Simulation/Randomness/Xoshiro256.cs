namespace Actors.Simulation.Randomness;

/// <summary>
/// xoshiro256** pseudo-random generator: a mutable struct so the hot loop draws without allocation
/// or virtual calls. The same seed gives the same sequence on every machine (integer arithmetic only).
/// Pass it by <c>ref</c>; a copy continues the sequence independently.
/// </summary>
public struct Xoshiro256
{
    private const double DoubleUnit = 1.0 / (1UL << 53);
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256(ulong seed)
    {
        // SplitMix64 expands one 64-bit seed into the four words of state (never all zero).
        var x = seed;
        _s0 = SeedMix.SplitMix(ref x);
        _s1 = SeedMix.SplitMix(ref x);
        _s2 = SeedMix.SplitMix(ref x);
        _s3 = SeedMix.SplitMix(ref x);
    }

    public ulong NextULong()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * DoubleUnit;

    /// <summary>Uniform in (0, 1]: safe to take the logarithm of.</summary>
    public double NextDoubleNonZero() => ((NextULong() >> 11) + 1) * DoubleUnit;

    /// <summary>Uniform integer in [0, n) by Lemire's multiply-shift (bias below 2^-32 for n &lt; 2^32).</summary>
    public int NextInt(int n) => (int)(((NextULong() >> 32) * (ulong)n) >> 32);

    /// <summary>Uniform integer in [min, max] (both inclusive).</summary>
    public int NextInt(int min, int max) => min + NextInt(max - min + 1);

    public long NextLong(long min, long maxInclusive) => min + (long)(NextDouble() * (maxInclusive - min + 1));

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Exponentially distributed with the given mean.</summary>
    public double Exponential(double mean) => -Math.Log(NextDoubleNonZero()) * mean;
}
