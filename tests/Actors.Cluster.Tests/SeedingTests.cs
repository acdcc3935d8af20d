using System.Globalization;
using Actors.Accounts;
using Actors.Cluster.Tests.Infrastructure;
using Actors.Hosting;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

/// <summary>
/// The load generator seeds its population at the start of every run. Run twice against the same silo process (a
/// scenario that moves no money), the second run reuses the population and says so, and no account takes a posting:
/// the opening deposits are not made again, whatever the store.
/// </summary>
[Collection(StoresCollection.Name)]
public sealed class SeedingTests(StoresFixture stores, ITestOutputHelper output) : IDisposable
{
    private const int Users = 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);
    private readonly string _reports = Path.Combine(Path.GetTempPath(), $"actors-seeding-{Guid.NewGuid():N}");

    [Fact]
    public Task Running_a_scenario_twice_on_a_memory_silo_moves_no_money() => SeedTwiceAsync([]);

    [RedisFact]
    public async Task Running_a_scenario_twice_on_a_redis_silo_moves_no_money() => await SeedTwiceAsync(await StoreArgs.RedisAsync(stores));

    public void Dispose()
    {
        if (Directory.Exists(_reports))
        {
            Directory.Delete(_reports, recursive: true);
        }
    }

    private async Task SeedTwiceAsync(string[] storeArgs)
    {
        var clusterId = $"seed-{Guid.NewGuid():N}"[..16];
        using var silo = SiloProcess.Start("silo", clusterId, storeArgs);
        await silo.WaitReadyAsync();

        var first = await RunBalanceChecksAsync(silo, clusterId);
        Assert.Contains($"Population ready: {Users} users, created ({2 * Users} accounts funded)", first, StringComparison.Ordinal);
        await using var cluster = await ActorsCluster.ConnectToGatewayAsync(silo.Gateway, clusterId, clusterId);
        var seeded = await AccountsAsync(cluster.Grains);

        var second = await RunBalanceChecksAsync(silo, clusterId);
        Assert.Contains($"Population ready: {Users} users, reused ({2 * Users} accounts existed; no money moved)", second, StringComparison.Ordinal);
        var again = await AccountsAsync(cluster.Grains);

        Assert.Equal(seeded, again);
        Assert.All(again, a => Assert.True(a.Postings == 1, $"{a.Id} has {a.Postings} postings after two seedings, expected only its opening deposit"));
        output.WriteLine($"{(storeArgs.Length == 0 ? "Memory" : "Redis")}: {again.Count} accounts, total {again.Sum(a => a.BalanceMinor)} minor units after both runs");
    }

    private async Task<string> RunBalanceChecksAsync(SiloProcess silo, string clusterId)
    {
        using var generator = LoadGeneratorProcess.Start([
            "run", "--gateway", silo.Gateway, "--cluster-id", clusterId, "--service-id", clusterId, "--scenario", "messenger_balance_check",
            "--users", Users.ToString(CultureInfo.InvariantCulture), "--rate", "20", "--duration", "1s", "--warm-up", "0s", "--report-dir", _reports,
        ]);
        var exit = await generator.WaitForExitAsync(Deadline);
        Assert.True(exit == 0, $"loadtests run exited with {exit}. Its output:\n{generator.Transcript}");
        return generator.Transcript;
    }

    /// <summary>The generator's population: users lt-u{i} with accounts CHASE:lt-{i} and CITI:lt-{i} (loadtests/Population).</summary>
    private static async Task<IReadOnlyList<(string Id, long BalanceMinor, long Postings)>> AccountsAsync(IGrainFactory grains) =>
        await Task.WhenAll(Enumerable.Range(0, Users).SelectMany(i => new[] { $"CHASE:lt-{i}", $"CITI:lt-{i}" }).Select(async id =>
        {
            var snapshot = await grains.GetGrain<IAccountGrain>(id).GetSnapshot();
            return (id, snapshot.Balance.Minor, snapshot.Postings);
        }));
}
