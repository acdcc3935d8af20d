using System.CommandLine;
using System.Globalization;
using System.Text;
using Actors.Diagnostics;
using Actors.Hosting;
using Actors.Load;
using Actors.Load.Benchmarks;
using Actors.Load.Engine;
using Actors.Load.Simulations;
using Actors.LoadTests.Capacity;
using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;

namespace Actors.LoadTests.Commands;

/// <summary>
/// <c>bench</c>: the figures the load-test targets are stated in, measured side by side in one run on
/// an embedded silo: ping in a bare loop vs under the engine (engine overhead), card_authorization vs
/// ping under the engine (cost of the write path), the same path with fraud rules off (cost of the
/// rules), and resident memory per user.
/// </summary>
public static class BenchCommand
{
    /// <summary>Bare-engine, then engine-bare: the VM's speed drifted by up to 2x between consecutive runs here.</summary>
    public const int DefaultPingRounds = 2;

    public static Command Create(CommonOptions common)
    {
        var copies = new Option<int>("--copies") { Description = "concurrent copies for the throughput runs", DefaultValueFactory = _ => 64 };
        var duration = new Option<string>("--duration") { Description = "duration of each throughput run", DefaultValueFactory = _ => "10s" };
        var memoryUsers = new Option<int>("--memory-users") { Description = "users activated by the memory probe (0: skip it)", DefaultValueFactory = _ => 100_000 };
        var rounds = new Option<int>("--ping-rounds")
        {
            Description = "rounds of the bare-loop/engine ping pair, alternating which runs first (a machine whose speed drifts favours neither)",
            DefaultValueFactory = _ => DefaultPingRounds,
        };
        var command = new Command("bench", "Measure engine overhead, card_authorization vs ping, and memory per user, in one run (exit 0, 2 bad arguments).");
        command.Options.Add(copies);
        command.Options.Add(duration);
        command.Options.Add(memoryUsers);
        command.Options.Add(rounds);
        common.AddTo(command, population: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var copyCount = ArgumentParsers.Positive(parse.GetValue(copies), "--copies", 10_000);
            var during = ArgumentParsers.Duration(parse.GetValue(duration), "--duration");
            var pingRounds = ArgumentParsers.Positive(parse.GetValue(rounds), "--ping-rounds", 100);
            var probeUsers = parse.GetValue(memoryUsers);
            if (probeUsers < 0)
            {
                throw new LoadConfigurationException($"--memory-users must be 0 or more, was {probeUsers}.");
            }

            if (!string.IsNullOrEmpty(parse.GetValue(common.Gateway)))
            {
                throw new LoadConfigurationException("bench measures an embedded silo (the targets are stated for it): drop --gateway.");
            }

            var population = common.Population(parse, sliced: false);
            var siloSettings = common.EmbeddedSettings(parse);
            var reportFolder = common.ReportFolder(parse);
            var output = common.Console.Output;
            var connect = common.ConnectOptions(parse);
            await using var cluster = await ActorsCluster.StartEmbeddedAsync(siloSettings, connect, cancellationToken);
            var context = new LoadContext(cluster.Grains, population, LoadContext.NewRunToken(0)) { InteractiveConsole = common.Interactive(parse), Output = output };
            await context.EnsurePopulationAsync(cancellationToken);
            var grains = cluster.Grains;

            output.WriteLine($"ping: bare loop vs engine, {copyCount} copies, {during.TotalSeconds:N0} s each, {pingRounds} round(s)...");
            long n = 0;
            var pings = OrleansScenarios.PingGrains(grains);
            var overhead = await EngineOverheadBenchmark.MeasureAsync(
                () =>
                {
                    var i = Interlocked.Increment(ref n);
                    return pings[(int)(i & 1023)].Ping(i).AsTask();
                }, copyCount, during, pingRounds, cancellationToken);
            output.WriteLine($"  {overhead}");

            output.WriteLine($"card_authorization under the engine, {population.ConsentPercent} % of users notified, {copyCount} copies, {during.TotalSeconds:N0} s...");
            var card = await MeasureCardAsync(context, copyCount, during, cancellationToken);
            var cardRatio = card.Rate / Math.Max(overhead.EngineOpsPerSecond, 1e-9);
            output.WriteLine($"  {card.Rate:N0} authorizations/s (p99 {card.P99Ms:F1} ms, {card.Failed} failed): {cardRatio:P1} of engine ping");

            // The write path alone (no user consents to notifications), with and without the fraud rules, each on a
            // fresh embedded silo with the same population and load: what the account grain itself costs.
            var writeOnly = population with { ConsentPercent = 0 };
            output.WriteLine($"card_authorization, write path only (no notifications), {copyCount} copies, {during.TotalSeconds:N0} s...");
            var write = await MeasureOnFreshSiloAsync(writeOnly, siloSettings, connect, copyCount, during, context.InteractiveConsole, output, cancellationToken);
            var writeRatio = write.Rate / Math.Max(overhead.EngineOpsPerSecond, 1e-9);
            output.WriteLine($"  {write.Rate:N0} authorizations/s (p99 {write.P99Ms:F1} ms): {writeRatio:P1} of engine ping");
            output.WriteLine($"the same with fraud rules disabled (Actors:Fraud:Detector=none)...");
            var plain = await MeasureOnFreshSiloAsync(writeOnly, new Dictionary<string, string?>(siloSettings) { ["Actors:Fraud:Detector"] = "none" }, connect, copyCount, during,
                context.InteractiveConsole, output, cancellationToken);
            var fraudCost = plain.Rate / Math.Max(write.Rate, 1e-9);
            output.WriteLine($"  {plain.Rate:N0} authorizations/s without rules: the rules cost {fraudCost:F2}x");

            MemoryProbeResult? memory = null;
            if (probeUsers > 0)
            {
                output.WriteLine($"memory probe: activating {probeUsers:N0} users with 2 accounts each, {MemoryProbe.DefaultPostingsPerAccount} postings an account...");
                // On a fresh silo: the probe's "deactivated" baseline must not lose the load population's grains too.
                await using var probeSilo = await ActorsCluster.StartEmbeddedAsync(siloSettings, connect, cancellationToken);
                memory = await MemoryProbe.MeasureAsync(probeSilo.Grains, probeUsers, 2, copyCount, storeBytes: MemoryProbe.StoreBytes(probeSilo), cancellationToken: cancellationToken);
                output.WriteLine($"  resident {memory.ResidentBytesPerUser:N0} B/user (in-process storage {memory.StorageBytesPerUser:N0} B/user more; {memory.UsersPerSecond:N0} users/s set up)");
            }

            var report = Render(copyCount, during, overhead, population.ConsentPercent, card, cardRatio, write, writeRatio, plain, fraudCost, memory);
            var folder = Path.Combine(reportFolder, $"{DateTime.UtcNow:yyyyMMdd_HHmmss}_bench");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "bench.md"), report, cancellationToken);
            output.WriteLine();
            output.WriteLine(report);
            output.WriteLine($"Report: {Path.Combine(folder, "bench.md")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    // Long enough for every user's inbox stream to be registered (a one-time cost per stream) before measuring.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    private sealed record CardRun(double Rate, double P99Ms, long Failed);

    private static async Task<CardRun> MeasureCardAsync(LoadContext context, int copies, TimeSpan during, CancellationToken cancellationToken)
    {
        await context.EnsurePopulationAsync(cancellationToken);
        var card = OrleansScenarios.CreateCardAuthorization(context).WithLoadSimulations(Simulation.KeepConstant(copies, during)).WithWarmUpDuration(WarmUp);
        var run = (await LoadRunner.RegisterScenarios(card).WithoutConsole().WithoutReports().RunAsync(cancellationToken)).Scenarios[0];
        return new CardRun(run.OkCount / Math.Max(run.DurationSeconds, 1e-9), run.Global.Ok.Latency.P99Ms, run.FailCount);
    }

    private static async Task<CardRun> MeasureOnFreshSiloAsync(PopulationOptions population, Dictionary<string, string?> settings, ClusterConnectOptions connect,
        int copies, TimeSpan during, bool interactive, TextWriter output, CancellationToken cancellationToken)
    {
        await using var silo = await ActorsCluster.StartEmbeddedAsync(settings, connect, cancellationToken);
        var context = new LoadContext(silo.Grains, population, LoadContext.NewRunToken(0)) { InteractiveConsole = interactive, Output = output };
        return await MeasureCardAsync(context, copies, during, cancellationToken);
    }

    private static string Render(int copies, TimeSpan during, OverheadResult ping, int consentPercent, CardRun card, double cardRatio,
        CardRun write, double writeRatio, CardRun plain, double fraudCost, MemoryProbeResult? memory)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"| measure ({copies} copies, {during.TotalSeconds:N0} s, embedded silo, {Environment.ProcessorCount} cores) | figure | target |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(c, $"| ping, bare loop | {ping.BareOpsPerSecond:N0} calls/s | |");
        text.AppendLine(c, $"| ping, under the engine | {ping.EngineOpsPerSecond:N0} calls/s | |");
        var rounds = ping.RoundRatios.Count > 1 ? $" (rounds, alternating which runs first: {string.Join(", ", ping.RoundRatios.Select(r => r.ToString("P1", c)))})" : "";
        text.AppendLine(c, $"| engine share of bare ping | {ping.Ratio:P1}{rounds} | at least 80 % |");
        text.AppendLine(c, $"| card_authorization, {consentPercent} % of users notified | {card.Rate:N0} /s (p99 {card.P99Ms:F1} ms) | |");
        text.AppendLine(c, $"| card_authorization / ping (engine) | {cardRatio:P1} | at least 50 % |");
        text.AppendLine(c, $"| card_authorization, write path only (no notifications) | {write.Rate:N0} /s (p99 {write.P99Ms:F1} ms) | |");
        text.AppendLine(c, $"| write path only / ping (engine) | {writeRatio:P1} | |");
        text.AppendLine(c, $"| write path only, fraud rules disabled | {plain.Rate:N0} /s | |");
        text.AppendLine(c, $"| cost of the fraud rules (rate without / rate with) | {fraudCost:F2}x | at most 1.5x |");
        if (memory is not null)
        {
            text.AppendLine(c, $"| resident memory per user ({memory.Users:N0} users x {memory.AccountsPerUser} accounts, {memory.PostingsPerAccount} postings each, notified) | {memory.ResidentBytesPerUser:N0} B | at most 8,192 B |");
            text.AppendLine(c, $"| in-process storage per user (state bytes and index; not in the silo with Redis/PostgreSQL) | {memory.StorageBytesPerUser:N0} B | |");
        }

        return text.ToString();
    }
}
