using System.Collections.Concurrent;
using Actors.Hosting;
using Actors.Simulation.Options;
using Actors.Simulation.Population;

namespace Actors.Web.Living;

/// <summary>
/// The demo's world: an embedded silo on free loopback ports, a seeded synthetic population in its grains,
/// live card traffic and the fraud-pattern injector. Also remembers who was erased, because an erased
/// user's bank accounts stay (banks keep their books) and every view must leave them out.
/// </summary>
public sealed class LivingWorld : IAsyncDisposable
{
    private readonly ActorsCluster _cluster;
    private readonly Dictionary<string, int> _userIndex;
    private readonly Dictionary<string, int> _accountIndex;
    private readonly ConcurrentDictionary<string, byte> _erased = new(StringComparer.Ordinal);

    private LivingWorld(ActorsCluster cluster, Simulation.Population.World population, TimeProvider time, double rate)
    {
        _cluster = cluster;
        Population = population;
        Time = time;
        _userIndex = population.UserIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        _accountIndex = population.AccountIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        Metrics = new WorldMetrics(time);
        Traffic = new LiveTraffic(this, rate);
        Fraud = new FraudPatterns(this);
    }

    public IGrainFactory Grains => _cluster.Grains;

    public Simulation.Population.World Population { get; }

    public TimeProvider Time { get; }

    public WorldMetrics Metrics { get; }

    public LiveTraffic Traffic { get; }

    public FraudPatterns Fraud { get; }

    /// <summary>"embedded silo (in-process, ...)", for the start-up line.</summary>
    public string ClusterDescription => _cluster.Description;

    /// <summary>Starts the silo (free ports, no HTTP port of its own), builds and seeds the population, starts traffic at <paramref name="rate"/>.</summary>
    public static async Task<LivingWorld> StartAsync(int users, long seed, double rate, bool verbose, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var population = WorldBuilder.Build(new SimulationOptions { Users = users, Seed = seed });
        var settings = new Dictionary<string, string?> { [$"{ActorsSiloOptions.SectionName}:HttpPort"] = "0" };
        var cluster = await ActorsCluster.StartEmbeddedAsync(settings, new ClusterConnectOptions { Verbose = verbose }, cancellationToken);
        try
        {
            await WorldSeeder.SeedAsync(cluster.Grains, population, cancellationToken);
            var world = new LivingWorld(cluster, population, time, rate);
            world.Traffic.Start();
            return world;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public bool IsErased(string userId) => _erased.ContainsKey(userId);

    /// <summary>A user of this population who is not erased, by id.</summary>
    public bool TryFindUser(string? userId, out int index)
    {
        index = -1;
        return userId is not null && !IsErased(userId) && _userIndex.TryGetValue(userId, out index);
    }

    /// <summary>An account of this population whose owner is not erased, by id.</summary>
    public bool TryFindAccount(string? accountId, out int index)
    {
        index = -1;
        return accountId is not null && _accountIndex.TryGetValue(accountId, out index) && !IsErased(Population.UserIds[Population.AccountOwner[index]]);
    }

    public void MarkErased(string userId) => _erased.TryAdd(userId, 0);

    public IEnumerable<int> AccountsOf(int user)
    {
        for (var a = Population.FirstAccount[user]; a < Population.FirstAccount[user + 1]; a++)
        {
            yield return a;
        }
    }

    public IEnumerable<string> BanksOf(int user) => AccountsOf(user).Select(BankOf).Distinct();

    public string BankOf(int account) => Population.Banks[Population.AccountBank[account]].Bank;

    public async ValueTask DisposeAsync()
    {
        await Traffic.DisposeAsync();
        await _cluster.DisposeAsync();
    }
}
