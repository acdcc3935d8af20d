namespace Actors.Fraud.Tests.Support;

/// <summary>
/// Generators of the labelled fraud shapes and of ordinary history, as timelines of authorizations.
/// Deterministic (seeded), so a failing test fails the same way every time.
/// </summary>
internal static class Shapes
{
    /// <summary><paramref name="count"/> authorizations of 1.00 at one online merchant, 20-50 s apart.</summary>
    public static IEnumerable<AuthorizationContext> CardTestingBurst(DateTimeOffset start, int count, int seed = 1)
    {
        var random = new Random(seed);
        var at = start;
        for (var i = 0; i < count; i++)
        {
            at = at.AddSeconds(random.Next(20, 50));
            yield return Authorizations.At(at, amountMinor: 100, merchant: "M-DIGITAL-TEST", category: 5815);
        }
    }

    /// <summary><paramref name="count"/> ordinary-sized payments, <paramref name="gap"/> apart.</summary>
    public static IEnumerable<AuthorizationContext> VelocityBurst(DateTimeOffset start, int count, TimeSpan gap)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Authorizations.At(start + (gap * i), amountMinor: 2_500, merchant: "M-SHOP-" + (i % 3));
        }
    }

    /// <summary>
    /// Ordinary weekday history: <paramref name="count"/> payments around 40.00 (log-normal, sigma 0.4, cut at
    /// 2.5 sigma so that no payment is itself an outlier) at five merchants, between 09:00 and 17:00 UTC, three a day.
    /// </summary>
    public static IEnumerable<AuthorizationContext> NineToFive(DateTimeOffset start, int count, int seed = 7)
    {
        var random = new Random(seed);
        var day = start.Date;
        for (var i = 0; i < count; i++)
        {
            if (i % 3 == 0)
            {
                day = day.AddDays(1);
            }

            var at = new DateTimeOffset(day, TimeSpan.Zero).AddHours(9).AddMinutes(random.Next(0, 8 * 60));
            var amount = (long)(4_000 * Math.Exp(Math.Clamp(Gaussian(random), -2.5, 2.5) * 0.4));
            yield return Authorizations.At(at, amountMinor: amount, merchant: "M-" + random.Next(5));
        }
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
