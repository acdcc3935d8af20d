using System.Diagnostics;
using Actors.Fraud;
using Actors.Money;

namespace Actors.Domain.Fraud;

/// <summary>
/// Measures what the built-in rules cost per authorization against the no-op detector, side by side
/// in one run, over a deterministic mix (mostly ordinary payments, some tiny, some abroad, some at
/// risky merchants) spread over many account profiles so the state is not always in cache.
/// For load tests and reports (it prints nothing and asserts nothing); each pass runs twice and the
/// faster is kept, to discount JIT and first-touch costs.
/// </summary>
public static class FraudBenchmark
{
    private const int PoolSize = 4096;
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Countries = ["US", "US", "US", "US", "US", "US", "US", "US", "US", "US", "GB", "DE", "FR", "PL"];
    private static readonly int[] Categories = [5411, 5812, 5814, 5541, 5311, 5912, 5732, 5942, 5815, 4111, 7011, 7995, 6051];

    public static FraudBenchmarkResult Run(int operations, int accounts = 1024, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(operations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(accounts, 1);
        var pool = BuildPool(seed);
        var rules = new RuleBasedDetector(new FraudOptions());

        var rulesNs = double.MaxValue;
        var noOpNs = double.MaxValue;
        var allocated = 0L;
        for (var pass = 0; pass < 2; pass++)
        {
            var (ns, bytes) = Measure(rules, pool, operations, accounts);
            rulesNs = Math.Min(rulesNs, ns);
            allocated = bytes;
            noOpNs = Math.Min(noOpNs, Measure(NoOpFraudDetector.Instance, pool, operations, accounts).NsPerOp);
        }

        return new FraudBenchmarkResult(operations, rulesNs, noOpNs, (double)allocated / operations);
    }

    private static (double NsPerOp, long Bytes) Measure(IFraudDetector detector, AuthorizationContext[] pool, int operations, int accounts)
    {
        var profiles = new AccountFraudProfile[accounts];
        for (var i = 0; i < profiles.Length; i++)
        {
            profiles[i] = new AccountFraudProfile();
        }

        var sink = 0;
        var startBytes = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < operations; i++)
        {
            // Two seconds apart overall, so each account sees a payment every accounts x 2 s.
            var authorization = pool[i & (PoolSize - 1)] with { Timestamp = Start.AddTicks(i * 2 * TimeSpan.TicksPerSecond) };
            sink += detector.Assess(authorization, profiles[i % accounts]).Score;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - startBytes;
        GC.KeepAlive(sink);
        return (elapsed.TotalNanoseconds / operations, bytes);
    }

    private static AuthorizationContext[] BuildPool(int seed)
    {
        var random = new Random(seed);
        var merchants = new string[256];
        for (var i = 0; i < merchants.Length; i++)
        {
            merchants[i] = "M" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        }

        var pool = new AuthorizationContext[PoolSize];
        var balance = new Money.Money(250_000, Currency.USD);
        for (var i = 0; i < pool.Length; i++)
        {
            // Mostly ordinary amounts around 40.00, one in twenty tiny.
            var minor = random.Next(20) == 0 ? random.Next(50, 199) : (long)(4_000 * Math.Exp(random.NextDouble() * 2 - 1));
            pool[i] = new AuthorizationContext(
                "BENCH:" + (i % 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
                new Money.Money(minor, Currency.USD),
                merchants[(int)(Math.Pow(random.NextDouble(), 3) * merchants.Length)],
                Categories[random.Next(Categories.Length)],
                Countries[random.Next(Countries.Length)],
                Start,
                "US",
                balance);
        }

        return pool;
    }
}
