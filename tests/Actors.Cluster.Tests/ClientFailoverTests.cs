using System.Diagnostics;
using System.Globalization;
using Actors.Accounts;
using Actors.Cluster.Tests.Infrastructure;
using Actors.Hosting;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

/// <summary>
/// The shipped load generator, as a process of its own, drives transfers into three silo processes on Redis; one silo
/// is killed (kill -9) in the middle of the run. The generator's own report shows the load recovering (the time it took
/// is printed), and afterwards the money is all there: transfers only move it between accounts.
/// </summary>
[Collection(StoresCollection.Name)]
public sealed class ClientFailoverTests(StoresFixture stores, ITestOutputHelper output) : IDisposable
{
    private const int Users = 30;
    private const int Rate = 40;
    private const int RunSeconds = 30;
    private const int KillAfterSeconds = 8;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly List<SiloProcess> _silos = [];
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly string _reports = Path.Combine(Path.GetTempPath(), $"actors-failover-{Guid.NewGuid():N}");

    [RedisFact]
    public async Task Load_through_the_membership_table_recovers_after_a_silo_is_killed_and_money_is_conserved()
    {
        var redis = (await stores.RedisAsync()).ConnectionString;
        await RunAsync(["--clustering", StoreKinds.Redis, "--redis", redis], "membership table", victim: 0);
    }

    [RedisFact]
    public async Task Load_through_a_static_gateway_list_recovers_after_its_first_gateway_is_killed_and_money_is_conserved()
    {
        var gateways = (await StartSilosAsync()).Select(s => s.Gateway);
        await RunAsync(["--gateway", string.Join(",", gateways)], "static gateway list", victim: 0);
    }

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        if (Directory.Exists(_reports))
        {
            Directory.Delete(_reports, recursive: true);
        }
    }

    private async Task<IReadOnlyList<SiloProcess>> StartSilosAsync()
    {
        if (_silos.Count == 0)
        {
            var storeArgs = await StoreArgs.RedisAsync(stores);
            for (var i = 1; i <= 3; i++)
            {
                _silos.Add(SiloProcess.Start($"silo {i}", ClusterId, storeArgs));
            }

            await Task.WhenAll(_silos.Select(s => s.WaitReadyAsync()));
        }

        return _silos;
    }

    private string ClusterId => $"failover-{_tag}";

    private async Task RunAsync(string[] target, string how, int victim)
    {
        var silos = await StartSilosAsync();
        using var generator = LoadGeneratorProcess.Start([
            "run", .. target, "--cluster-id", ClusterId, "--service-id", ClusterId, "--scenario", "transfer", "--users", Users.ToString(CultureInfo.InvariantCulture),
            "--rate", Rate.ToString(CultureInfo.InvariantCulture), "--duration", $"{RunSeconds}s", "--warm-up", "0s", "--interval", "1s",
            "--response-timeout", "5s", "--report-dir", _reports,
        ]);

        await generator.WaitForLineAsync(l => l.StartsWith("transfer 00:01 ", StringComparison.Ordinal), "its first interval line", Deadline);
        var sinceFirstInterval = Stopwatch.StartNew();
        await generator.WaitForLineAsync(l => l.StartsWith($"transfer 00:{KillAfterSeconds:00} ", StringComparison.Ordinal), $"its interval line at {KillAfterSeconds} s", Deadline);
        await silos[victim].SignalAsync("KILL");
        var killedAt = 1 + sinceFirstInterval.Elapsed.TotalSeconds; // seconds since the run's start, as the report counts them
        var exit = await generator.WaitForExitAsync(Deadline);
        Assert.True(silos[victim].HasExited || await Exited(silos[victim]), "the victim silo should have been killed");

        var intervals = ReadIntervals(_reports, generator.Transcript);
        var before = intervals.Where(i => i.End <= killedAt && i.Full).ToArray();
        Assert.True(before.Length >= KillAfterSeconds - 2 && before.All(i => i.Fail == 0 && i.Ok >= Rate / 2),
            $"the load was not healthy before the kill: {Describe(before)}\n{generator.Transcript}");

        // Recovered: from this interval on, every full interval answers at least 80 % of the rate again. Calls that were
        // in flight to the killed silo may still fail after that, when their response timeout ends (counted, not ignored).
        var after = intervals.Where(i => i.Start >= Math.Floor(killedAt)).ToArray();
        var recoveredFrom = Enumerable.Range(0, after.Length).FirstOrDefault(k => after[k..].Where(i => i.Full).All(i => i.Ok >= Rate * 0.8), -1);
        Assert.True(recoveredFrom >= 0 && after.Length - recoveredFrom >= 5,
            $"the load did not recover after the kill at {killedAt:0.0} s ({how}): {Describe(after)}\n{generator.Transcript}");
        var lastFailure = after.LastOrDefault(i => i.Fail > 0);
        Assert.True(lastFailure is null || lastFailure.Start <= killedAt + 10,
            $"requests still failed {lastFailure?.Start - killedAt:0} s after the kill ({how}), more than the 5 s response timeout can explain: {Describe(after)}");
        var recovery = Math.Max(0, after[recoveredFrom].Start - killedAt);
        var failed = after.Sum(i => i.Fail);
        output.WriteLine($"{how}: killed a silo at {killedAt:0.0} s; load recovered {recovery:0.0} s later; {failed} requests failed, the last {(lastFailure is null ? "-" : $"{lastFailure.End - killedAt:0}")} s after the kill; generator exit {exit}");
        output.WriteLine($"intervals after the kill: {Describe(after)}");
        Console.WriteLine($"[failover] {how}: load recovered {recovery:0.0} s after kill -9 of a silo ({failed} requests failed)");

        await AssertMoneyConservedAsync();
    }

    /// <summary>Transfers move money between the population's CITI accounts only: once every saga has settled, CITI holds what CHASE (untouched) holds.</summary>
    private async Task AssertMoneyConservedAsync()
    {
        var redis = (await stores.RedisAsync()).ConnectionString;
        await using var cluster = await ActorsCluster.ConnectClientAsync(
            new ClusterAddress { Clustering = StoreKinds.Redis, ClusteringConnection = redis, ClusterId = ClusterId, ServiceId = ClusterId },
            new ClusterConnectOptions());
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // The load generator's population: users lt-u{i} with accounts CHASE:lt-{i} and CITI:lt-{i} (loadtests/Population).
            var chase = await Total(cluster.Grains, "CHASE");
            var citi = await Total(cluster.Grains, "CITI");
            if (chase == citi && chase > 0)
            {
                output.WriteLine($"money conserved: CITI {citi} = CHASE {chase} minor units, {clock.Elapsed.TotalSeconds:0.0} s after the run");
                return;
            }

            Assert.True(clock.Elapsed < Deadline,
                $"waited {Deadline.TotalSeconds:0} s for every transfer to settle so that CITI's total ({citi}) equals CHASE's ({chase}); it did not");
            await Task.Delay(500);
        }
    }

    private static async Task<long> Total(IGrainFactory grains, string bank)
    {
        var balances = await Task.WhenAll(Enumerable.Range(0, Users).Select(async i => (await grains.GetGrain<IAccountGrain>($"{bank}:lt-{i}").GetSnapshot()).Balance.Minor));
        return balances.Sum();
    }

    private static async Task<bool> Exited(SiloProcess silo)
    {
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(10));
        return true;
    }

    private sealed record Interval(int Index, double Start, double Duration, long Ok, long Fail)
    {
        public double End => Start + Duration;

        public bool Full => Duration >= 0.99;
    }

    private static string Describe(IEnumerable<Interval> intervals) =>
        string.Join(", ", intervals.Select(i => $"{i.Start:0}s ok {i.Ok} fail {i.Fail}"));

    /// <summary>The per-interval response rows of the run's report.csv (first section: scenario, step, interval, start_s, duration_s, ok_count, fail_count, ..., measure).</summary>
    private static IReadOnlyList<Interval> ReadIntervals(string reports, string transcript)
    {
        var csv = Directory.Exists(reports) ? Directory.GetFiles(reports, "report.csv", SearchOption.AllDirectories).SingleOrDefault() : null;
        Assert.True(csv is not null, $"the load generator wrote no report.csv under {reports}. Its output:\n{transcript}");
        var rows = File.ReadLines(csv).TakeWhile(l => l.Length > 0).Skip(1).Select(l => l.Split(','));
        return rows.Where(r => r[1] == "global" && r[18] == "response" && r[2] != "total")
            .Select(r => new Interval(int.Parse(r[2], CultureInfo.InvariantCulture), double.Parse(r[3], CultureInfo.InvariantCulture),
                double.Parse(r[4], CultureInfo.InvariantCulture), long.Parse(r[5], CultureInfo.InvariantCulture), long.Parse(r[6], CultureInfo.InvariantCulture)))
            .OrderBy(i => i.Index)
            .ToArray();
    }
}
