using System.Globalization;
using System.Security.Cryptography;

namespace Actors.Client.Demo;

/// <summary>
/// The ids one demo run uses, all carrying a run token (time plus randomness) so the demo can run
/// any number of times against the same long-lived silo without meeting its earlier self.
/// </summary>
public sealed record DemoIds(string Token)
{
    public string User => $"alice-{Token}";

    public string Chase => $"CHASE:alice-{Token}";

    public string Citi => $"CITI:alice-{Token}";

    public string Tx(string name) => $"demo-{Token}-{name}";

    public static DemoIds NewRun()
    {
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
        return new DemoIds($"{time}{RandomNumberGenerator.GetHexString(6, lowercase: true)}");
    }
}
