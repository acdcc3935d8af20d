namespace Actors.Domain.Fraud;

/// <summary>
/// Approximate geographic centroids (degrees) of common card countries, for the impossible-travel
/// rule's distance. Coarse by nature: a country is one point. Every pair's distance is computed once
/// (60 x 60 floats, 14 KB) and looked up by packed code through a 26 x 26 index, so the hot path does
/// no trigonometry, no hashing and no allocation.
/// </summary>
public static class CountryCentroids
{
    private const double EarthRadiusKm = 6371;

    private static readonly (string Code, float Latitude, float Longitude)[] Known =
    [
        ("US", 39.8f, -98.6f), ("CA", 56.1f, -106.3f), ("MX", 23.6f, -102.6f), ("BR", -14.2f, -51.9f),
        ("AR", -38.4f, -63.6f), ("CL", -35.7f, -71.5f), ("CO", 4.6f, -74.3f), ("PE", -9.2f, -75.0f),
        ("GB", 54.0f, -2.0f), ("IE", 53.4f, -8.2f), ("FR", 46.6f, 2.2f), ("DE", 51.2f, 10.4f),
        ("ES", 40.4f, -3.7f), ("PT", 39.4f, -8.2f), ("IT", 42.8f, 12.6f), ("NL", 52.1f, 5.3f),
        ("BE", 50.5f, 4.5f), ("LU", 49.8f, 6.1f), ("CH", 46.8f, 8.2f), ("AT", 47.5f, 14.6f),
        ("PL", 51.9f, 19.1f), ("CZ", 49.8f, 15.5f), ("SK", 48.7f, 19.7f), ("HU", 47.2f, 19.5f),
        ("RO", 45.9f, 25.0f), ("BG", 42.7f, 25.5f), ("GR", 39.1f, 21.8f), ("HR", 45.1f, 15.2f),
        ("SI", 46.2f, 15.0f), ("DK", 56.3f, 9.5f), ("SE", 60.1f, 18.6f), ("NO", 60.5f, 8.5f),
        ("FI", 61.9f, 25.7f), ("EE", 58.6f, 25.0f), ("LV", 56.9f, 24.6f), ("LT", 55.2f, 23.9f),
        ("UA", 48.4f, 31.2f), ("TR", 39.0f, 35.2f), ("RU", 55.8f, 37.6f), ("IL", 31.0f, 34.9f),
        ("AE", 23.4f, 53.8f), ("SA", 23.9f, 45.1f), ("EG", 26.8f, 30.8f), ("ZA", -30.6f, 22.9f),
        ("NG", 9.1f, 8.7f), ("KE", 0.0f, 37.9f), ("MA", 31.8f, -7.1f), ("IN", 20.6f, 79.0f),
        ("CN", 35.9f, 104.2f), ("JP", 36.2f, 138.3f), ("KR", 35.9f, 127.8f), ("SG", 1.35f, 103.8f),
        ("HK", 22.3f, 114.2f), ("TH", 15.9f, 101.0f), ("VN", 14.1f, 108.3f), ("ID", -0.8f, 113.9f),
        ("PH", 12.9f, 121.8f), ("MY", 4.2f, 102.0f), ("AU", -25.3f, 133.8f), ("NZ", -40.9f, 174.9f),
    ];

    // Position in Known + 1 (0 = unknown), indexed by (first - 'A') * 26 + (second - 'A').
    private static readonly byte[] Slots = BuildSlots();
    private static readonly float[] Distances = BuildDistances();

    public static int Count => Known.Length;

    public static bool Contains(ushort packedCountry) => TryIndex(packedCountry, out var i) && Slots[i] != 0;

    /// <summary>Great-circle distance in km between two countries' centroids, or -1 when either is unknown.</summary>
    public static double DistanceKm(ushort from, ushort to)
    {
        if (!TryIndex(from, out var a) || !TryIndex(to, out var b) || Slots[a] == 0 || Slots[b] == 0)
        {
            return -1;
        }

        return Distances[((Slots[a] - 1) * Known.Length) + Slots[b] - 1];
    }

    private static bool TryIndex(ushort packed, out int index)
    {
        int first = packed >> 8, second = packed & 0xFF;
        index = ((first - 'A') * 26) + (second - 'A');
        return first is >= 'A' and <= 'Z' && second is >= 'A' and <= 'Z';
    }

    private static byte[] BuildSlots()
    {
        var slots = new byte[26 * 26];
        for (var k = 0; k < Known.Length; k++)
        {
            TryIndex(CountryCodes.Pack(Known[k].Code), out var index);
            slots[index] = (byte)(k + 1);
        }

        return slots;
    }

    private static float[] BuildDistances()
    {
        var distances = new float[Known.Length * Known.Length];
        for (var a = 0; a < Known.Length; a++)
        {
            for (var b = 0; b < Known.Length; b++)
            {
                distances[(a * Known.Length) + b] = (float)Haversine(Known[a], Known[b]);
            }
        }

        return distances;
    }

    private static double Haversine((string Code, float Latitude, float Longitude) from, (string Code, float Latitude, float Longitude) to)
    {
        const double Radians = Math.PI / 180;
        double latA = from.Latitude * Radians, latB = to.Latitude * Radians;
        var dLat = latB - latA;
        var dLon = (to.Longitude - from.Longitude) * Radians;
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(latA) * Math.Cos(latB) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1, h)));
    }
}
