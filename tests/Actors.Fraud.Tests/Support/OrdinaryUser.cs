namespace Actors.Fraud.Tests.Support;

/// <summary>
/// A seeded ordinary card holder: home country, a handful of usual merchants in everyday categories,
/// 1-5 payments a day at waking hours (mostly 08:00-21:00 UTC), amounts log-normal per merchant category.
/// Nothing here is fraud, so any decline on it is a false positive.
/// </summary>
internal static class OrdinaryUser
{
    private static readonly (string Merchant, int Category, long MedianMinor, double Sigma)[] Merchants =
    [
        ("M-GROCER", 5411, 4_200, 0.7),
        ("M-CAFE", 5814, 1_200, 0.5),
        ("M-FUEL", 5541, 4_500, 0.4),
        ("M-PHARMACY", 5912, 2_500, 0.7),
        ("M-RESTAURANT", 5812, 3_800, 0.6),
        ("M-TRANSIT", 4111, 600, 0.5),
    ];

    private static readonly int[] HourWeights = [0, 0, 0, 0, 0, 0, 1, 2, 4, 5, 5, 6, 8, 7, 5, 5, 6, 7, 8, 7, 5, 3, 1, 0];

    public static IEnumerable<AuthorizationContext> Days(DateTimeOffset start, int days, int seed)
    {
        var random = new Random(seed);
        var total = HourWeights.Sum();
        for (var day = 0; day < days; day++)
        {
            var count = random.Next(1, 6);
            var times = new List<DateTimeOffset>();
            for (var i = 0; i < count; i++)
            {
                times.Add(start.AddDays(day).AddHours(PickHour(random, total)).AddMinutes(random.Next(60)));
            }

            times.Sort();
            foreach (var at in times)
            {
                var (merchant, category, median, sigma) = Merchants[random.Next(Merchants.Length)];
                var amount = Math.Max(1, (long)(median * Math.Exp(Shapes.Gaussian(random) * sigma)));
                yield return Authorizations.At(at, amountMinor: amount, merchant: merchant, category: category);
            }
        }
    }

    private static int PickHour(Random random, int total)
    {
        var roll = random.Next(total);
        for (var hour = 0; hour < HourWeights.Length; hour++)
        {
            roll -= HourWeights[hour];
            if (roll < 0)
            {
                return hour;
            }
        }

        return 12;
    }
}
