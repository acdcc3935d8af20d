using Actors.Accounts;
using Actors.Users;
using Actors.LoadTests.Population;
using Spectre.Console;

namespace Actors.LoadTests.Scenarios;

/// <summary>What every Orleans scenario needs: the cluster, the population slice, and a run token for unique ids.</summary>
public sealed class LoadContext
{
    private readonly int[] _slice;
    private readonly object _gate = new();
    private Task? _population;
    private long _transactions;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _prefixes = new(StringComparer.Ordinal);

    public LoadContext(IGrainFactory grains, PopulationOptions population, string runToken)
    {
        Grains = grains;
        Population = population;
        RunToken = runToken;
        _slice = population.SliceIndexes().ToArray();
        if (_slice.Length == 0)
        {
            throw new ArgumentException($"Agent {population.AgentIndex}/{population.AgentCount} has no users among {population.Users}.");
        }

        Users = new GrainRefs<IUserGrain>(population.Users, i => grains.GetGrain<IUserGrain>(PopulationOptions.UserId(i)));
        ChaseAccounts = new GrainRefs<IAccountGrain>(population.Users, i => grains.GetGrain<IAccountGrain>(PopulationOptions.ChaseAccount(i)));
    }

    /// <summary>The population's user grains by index.</summary>
    public GrainRefs<IUserGrain> Users { get; }

    /// <summary>The population's CHASE account grains by index.</summary>
    public GrainRefs<IAccountGrain> ChaseAccounts { get; }

    public IGrainFactory Grains { get; }

    public PopulationOptions Population { get; }

    /// <summary>Short token unique to this run and agent; prefixes transaction and transfer ids.</summary>
    public string RunToken { get; }

    /// <summary>When false, progress is printed as plain lines (CI logs, tests) instead of a live bar.</summary>
    public bool InteractiveConsole { get; init; } = !System.Console.IsOutputRedirected;

    /// <summary>Where seeding progress goes: two plain lines, or a bar redrawn in place when <see cref="InteractiveConsole"/>.</summary>
    public TextWriter Output { get; init; } = System.Console.Out;

    /// <summary>Creates the population once per run, however many scenarios ask for it (their init).</summary>
    public Task EnsurePopulationAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _population ??= SeedAndSettleAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Seeds, then collects the whole heap once, blocking and compacting: what seeding made in this process (the
    /// embedded silo's grains and states, the generator's references) is long-lived, and one full collection now
    /// moves it to the old generation before the warm-up, instead of the measured phase's young collections
    /// promoting it piece by piece (each setup object a young one referenced from an old one).
    /// </summary>
    private async Task SeedAndSettleAsync(CancellationToken cancellationToken)
    {
        await SeedWithProgressAsync(cancellationToken);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private async Task SeedWithProgressAsync(CancellationToken cancellationToken)
    {
        var total = Population.SliceSize;
        var label = $"population: {total:N0} users (agent {Population.AgentIndex}/{Population.AgentCount})";
        if (!InteractiveConsole)
        {
            Output.WriteLine($"Creating or reusing {label}...");
            var summary = await PopulationSeeder.SeedAsync(Grains, Population, null, cancellationToken);
            Output.WriteLine($"Population ready: {total:N0} users, {summary}.");
            return;
        }

        var console = ReferenceEquals(Output, System.Console.Out)
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Output) });
        var seeded = default(SeedSummary);
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(label, maxValue: total);
            seeded = await PopulationSeeder.SeedAsync(Grains, Population, new Progress<int>(done => task.Value = done), cancellationToken);
            task.Value = total;
        });
        Output.WriteLine($"Population ready: {total:N0} users, {seeded}.");
    }

    /// <summary>A user index of this agent's slice, chosen by <paramref name="random"/>.</summary>
    public int PickUser(Random random) => _slice[random.Next(_slice.Length)];

    /// <summary>What every transaction id of <paramref name="scenario"/> in this context starts with.</summary>
    public string TransactionIdPrefix(string scenario) => $"{RunToken}-{scenario[..Math.Min(scenario.Length, 8)]}-";

    /// <summary>
    /// A new transaction id, unique across runs and agents (at most 56 characters). Numbered per context, not per
    /// run: a capacity search runs the engine once per step on one context, and engine invocation numbers restart
    /// with each run (they did make ids repeat: "transaction id reused" failures and silent replays).
    /// </summary>
    public string NextTransactionId(string scenario) =>
        _prefixes.GetOrAdd(scenario, TransactionIdPrefix) + Interlocked.Increment(ref _transactions).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string NewRunToken(int agentIndex) =>
        $"r{agentIndex}x{Convert.ToString(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond % 0xFFFFFFFFFF, 16)}{Random.Shared.Next(0x1000):x3}";
}
