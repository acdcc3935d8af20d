using System.Numerics;
using Actors.Simulation.Randomness;

namespace Actors.Simulation.Traffic;

/// <summary>
/// The card-not-present devices of each user, numbered per user from 1 (0 is a card terminal). A user
/// starts with 1-5 devices (1.2.0: 1-3), pays mostly from the first, and now and then gets a new one: the next free
/// number. An attacker's never-seen device takes the next free number too, so a new device number
/// looks the same whether the user or a fraudster brought it; only the label tells them apart.
/// </summary>
internal sealed class DeviceBook
{
    /// <summary>Numbers above this are not handed out; a user who used them all pays from owned devices.</summary>
    public const int MaxDevice = 31;

    private const double PrimaryShare = 0.85;
    private readonly uint[] _owned;
    private readonly byte[] _next;

    public DeviceBook(long seed, int users)
    {
        _owned = new uint[users];
        _next = new byte[users];
        for (var u = 0; u < users; u++)
        {
            // Per user, so user u's devices do not depend on the population size.
            var rng = new Xoshiro256(SeedMix.Of(seed, SeedMix.DeviceStream, u));
            var roll = rng.NextDouble();
            // Most have one or two; a few pay from phone, tablet, laptop, work computer and more (generator
            // 1.3.0; 1.2.0 stopped at 3, so an attacker's next free number was often above any user's own).
            var count = roll < 0.59 ? 1 : roll < 0.88 ? 2 : roll < 0.97 ? 3 : roll < 0.99 ? 4 : 5;
            _owned[u] = ((1u << count) - 1) << 1;
            _next[u] = (byte)(count + 1);
        }
    }

    /// <summary>One of the user's own devices: the first most of the time, otherwise any of them.</summary>
    public int Owned(ref Xoshiro256 random, int u)
    {
        var owned = _owned[u];
        var first = BitOperations.TrailingZeroCount(owned);
        var count = BitOperations.PopCount(owned);
        if (count == 1 || random.Chance(PrimaryShare))
        {
            return first;
        }

        var pick = random.NextInt(count);
        for (var bits = owned; ; bits &= bits - 1)
        {
            if (pick-- == 0)
            {
                return BitOperations.TrailingZeroCount(bits);
            }
        }
    }

    /// <summary>A new device of the user's own (a new phone, a new browser), from now on one of theirs.</summary>
    public int Acquire(int u)
    {
        var device = Next(u);
        _owned[u] |= 1u << device;
        return device;
    }

    /// <summary>A device the user has never used: the next free number, not added to the user's devices.</summary>
    public int Stranger(int u) => Next(u);

    private int Next(int u)
    {
        var device = _next[u];
        if (device > MaxDevice)
        {
            return BitOperations.Log2(_owned[u]);
        }

        _next[u]++;
        return device;
    }
}
