using Actors.Simulation.Randomness;

namespace Actors.Simulation.Population;

/// <summary>
/// Coarse coordinates (format 3): a user's home or a merchant lies near one of its country's largest
/// cities (equal odds), within about a quarter of a degree, rounded to tenths of a degree (about 11 km of
/// latitude). Coarse on purpose: enough for distances between home and merchant, too coarse to place
/// anyone. Merchants' city names come from Bogus and are unrelated to these points.
/// </summary>
public static class Places
{
    /// <summary>Per country of <see cref="Countries.All"/>: (latitude, longitude) of its largest cities in tenths of a degree.</summary>
    private static readonly (int Lat, int Lon)[][] Cities =
    [
        [(407, -740), (341, -1182), (419, -876), (298, -954), (334, -1121), (400, -752), (337, -844), (476, -1223), (258, -802), (397, -1050)],
        [(515, -1), (525, -19), (535, -22), (559, -43), (538, -15)],
        [(525, 134), (536, 100), (481, 116), (509, 70), (501, 87)],
        [(489, 24), (433, 54), (458, 48), (436, 14), (506, 31)],
        [(404, -37), (414, 22), (395, -4), (374, -60)],
        [(419, 125), (455, 92), (409, 143), (451, 77)],
        [(524, 49), (519, 45), (521, 43), (521, 51)],
        [(522, 210), (501, 199), (518, 195), (511, 170), (524, 169)],
    ];

    /// <summary>How far from the city centre a point may lie, in tenths of a degree either way (inclusive).</summary>
    private const int Spread = 2;

    /// <summary>The point of entity <paramref name="index"/> of <paramref name="stream"/>: the same whatever else is generated.</summary>
    public static (int LatTenths, int LonTenths) Of(long seed, ulong stream, long index, int country)
    {
        var random = new Xoshiro256(SeedMix.Of(seed, stream, index));
        var cities = Cities[country];
        var (lat, lon) = cities[random.NextInt(cities.Length)];
        return (lat + random.NextInt(-Spread, Spread), lon + random.NextInt(-Spread, Spread));
    }
}
