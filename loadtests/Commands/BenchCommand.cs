using System.CommandLine;
using System.Globalization;
using System.Text;
using Actors.Diagnostics;
using Actors.Hosting;
using Actors.Load;
using Actors.Load.Benchmarks;
using Actors.Load.Engine;
using Actors.Load.Simulations;
using Actors.Load.Statistics;
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
        var pacedDuration = new Option<string>("--paced-duration")
        {
            Description = "duration of each open-model run (ping at each --paced-rates rate; card_authorization at 2,000/s)",
            DefaultValueFactory = _ => "10s",
        };
        var pacedRates = new Option<string>("--paced-rates") { Description = "rates of the open-model ping runs, comma-separated", DefaultValueFactory = _ => "2000,20000" };
        var command = new Command("bench", "Measure engine overhead and pacing, card_authorization vs ping and ping_write, tail latency, and memory per user, in one run (exit 0, 2 bad arguments).");
        command.Options.Add(pacedDuration);
        command.Options.Add(pacedRates);
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
            var paced = ArgumentParsers.Duration(parse.GetValue(pacedDuration), "--paced-duration");
            var rates = ParseRates(parse.GetValue(pacedRates));
            var probeUsers = parse.GetValue(memoryUsers);
            if (probeUsers < 0)
            {
                throw new LoadConfigurationException($"--memory-users must be 0 or more, was {probeUsers}.");
            }

            if (!common.Address(parse).IsEmbedded)
            {
                throw new LoadConfigurationException("bench measures an embedded silo (the targets are stated for it): drop --gateway/--clustering.");
            }

            if (common.FleetOptions(parse) is not null)
            {
                throw new LoadConfigurationException("bench measures an embedded silo (the targets are stated for it): drop --silos; 'capacity --silos N' measures silo processes.");
            }

            var population = common.Population(parse, sliced: false);
            var siloSettings = common.EmbeddedSettings(parse);
            var reportFolder = common.ReportFolder(parse);
            var output = common.Console.Output;
            var connect = common.ConnectOptions(parse);
            await using var cluster = await ActorsCluster.StartEmbeddedAsync(siloSettings, connect, cancellationToken);
            var context = new LoadContext(cluster.Grains, population, LoadContext.NewRunToken(0)) { InteractiveConsole = common.Interactive(parse), Output = output };
            var grains = cluster.Grains;

            // First, on a heap that holds no population yet, as `run --scenario ping` has it: a gen0 pause grows with
            // the resident grains (card marking), and every pause delays the pacer too.
            output.WriteLine($"ping, open model (before the population is created) at {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}/s, {paced.TotalSeconds:N0} s each: wait, response and service time, pacer CPU...");
            var pacedPings = await PacedPingBench.MeasureAsync(grains, rates, paced, TimeSpan.FromSeconds(3), cancellationToken);
            foreach (var run in pacedPings)
            {
                output.WriteLine(PacedPingBench.Line(run));
            }

            await context.EnsurePopulationAsync(cancellationToken);

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

            output.WriteLine($"ping_write (one {OrleansScenarios.PingWritePayloadBytes}-byte state written through the store per call) under the engine, {copyCount} copies, {during.TotalSeconds:N0} s...");
            var pingWrite = await MeasureAsync(OrleansScenarios.CreatePingWrite(grains, population.Users), copyCount, during, cancellationToken);
            output.WriteLine($"  {pingWrite.Rate:N0} writes/s (p99 {pingWrite.P99Ms:F1} ms)");

            output.WriteLine($"card_authorization under the engine, {population.ConsentPercent} % of users notified, {copyCount} copies, {during.TotalSeconds:N0} s...");
            var card = await MeasureCardAsync(context, copyCount, during, cancellationToken);
            var cardRatio = card.Rate / Math.Max(overhead.EngineOpsPerSecond, 1e-9);
            output.WriteLine($"  {card.Rate:N0} authorizations/s (p99 {card.P99Ms:F1} ms, {card.Failed} failed): {cardRatio:P1} of engine ping");

            // Each tail run follows the throughput run of its silo, on it: every account has paid many times by then, so
            // the tail is measured in the steady state, not among the accounts' first payments (see TailWarmUp).
            output.WriteLine($"tail latency: card_authorization at {TailRate:N0}/s (open model, {paced.TotalSeconds:N0} s after {TailWarmUp.TotalSeconds:N0} s), {population.ConsentPercent} % notified...");
            var tailNotified = await MeasureTailAsync(context, paced, cancellationToken);
            output.WriteLine(Tail(tailNotified));

            // The write path alone (no user consents to notifications), with and without the fraud rules, each on a
            // fresh embedded silo with the same population and load: what the account grain itself costs.
            var writeOnly = population with { ConsentPercent = 0 };
            output.WriteLine($"card_authorization, write path only (no notifications), {copyCount} copies, {during.TotalSeconds:N0} s...");
            var (write, tailWrite) = await OnFreshSiloAsync(writeOnly, siloSettings, connect, context.InteractiveConsole, output,
                async c =>
                {
                    var throughput = await MeasureCardAsync(c, copyCount, during, cancellationToken);
                    output.WriteLine($"  {throughput.Rate:N0} authorizations/s (p99 {throughput.P99Ms:F1} ms): {throughput.Rate / Math.Max(overhead.EngineOpsPerSecond, 1e-9):P1} of engine ping");
                    output.WriteLine($"tail latency of the write path only on that silo, {TailRate:N0}/s...");
                    var tail = await MeasureTailAsync(c, paced, cancellationToken);
                    output.WriteLine(Tail(tail));
                    return (throughput, tail);
                }, cancellationToken);
            var writeRatio = write.Rate / Math.Max(overhead.EngineOpsPerSecond, 1e-9);
            output.WriteLine($"the same with fraud rules disabled (Actors:Fraud:Detector=none)...");
            var plain = await OnFreshSiloAsync(writeOnly, new Dictionary<string, string?>(siloSettings) { ["Actors:Fraud:Detector"] = "none" }, connect,
                context.InteractiveConsole, output, c => MeasureCardAsync(c, copyCount, during, cancellationToken), cancellationToken);
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

            var report = Render(copyCount, during, overhead, population.ConsentPercent, card, cardRatio, write, writeRatio, plain, fraudCost, memory)
                + Restated(pingWrite, card, write, fraudCost, population.ConsentPercent)
                + Tails(tailNotified, tailWrite, population.ConsentPercent, paced)
                + "\n" + PacedHeader + PacedPingBench.Rows(pacedPings, paced);
            var folder = Path.Combine(reportFolder, $"{DateTime.UtcNow:yyyyMMdd_HHmmss}_bench");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "bench.md"), report, cancellationToken);
            foreach (var (tail, name) in new[] { (tailNotified, "gc-tail-notified.txt"), (tailWrite, "gc-tail-write-path.txt") })
            {
                await File.WriteAllLinesAsync(Path.Combine(folder, name), [GcEventLog.Header, .. tail.CollectionLog], cancellationToken);
            }
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

    /// <summary>The rate the tail-latency targets are stated at (about a tenth of a notified silo's capacity here).</summary>
    public const int TailRate = 2_000;

    private const string PacedHeader = "| open-model precision (embedded silo, no-op ping) | figure | target |\n|---|---|---|\n";

    /// <summary>A tail run's figures; <see cref="CollectionLog"/> holds one line per collection, warm-up included (see <see cref="GcEventLog"/>).</summary>
    private sealed record TailRun(string Label, double Rps, LatencyResult Response, LatencyResult Service, LatencyResult Wait, double GcPauseMs, int Collections,
        double LongestPauseMs, IReadOnlyList<string> CollectionLog);

    private static async Task<CardRun> MeasureCardAsync(LoadContext context, int copies, TimeSpan during, CancellationToken cancellationToken)
    {
        await context.EnsurePopulationAsync(cancellationToken);
        return await MeasureAsync(OrleansScenarios.CreateCardAuthorization(context), copies, during, cancellationToken);
    }

    private static async Task<CardRun> MeasureAsync(Actors.Load.Scenarios.ScenarioProps scenario, int copies, TimeSpan during, CancellationToken cancellationToken)
    {
        var closed = scenario.WithLoadSimulations(LoadShapes.KeepConstant(copies, during)).WithWarmUpDuration(WarmUp);
        var run = (await LoadRunner.RegisterScenarios(closed).WithoutConsole().WithoutReports().RunAsync(cancellationToken)).Scenarios[0];
        return new CardRun(run.OkCount / Math.Max(run.DurationSeconds, 1e-9), run.Global.Ok.Latency.P99Ms, run.FailCount);
    }

    /// <summary>
    /// Warm-up of the tail runs, which follow their silo's closed-model run: every account has paid many times by then
    /// (its page filters, first alert and owner link exist), and 15 s at the tail's rate let the collector's budgets and
    /// generations settle from the saturated run before measuring.
    /// </summary>
    private static readonly TimeSpan TailWarmUp = TimeSpan.FromSeconds(15);

    private static async Task<TailRun> MeasureTailAsync(LoadContext context, TimeSpan during, CancellationToken cancellationToken)
    {
        await context.EnsurePopulationAsync(cancellationToken);
        var card = OrleansScenarios.CreateCardAuthorization(context)
            .WithLoadSimulations(LoadShapes.Inject(TailRate / 10, TimeSpan.FromMilliseconds(100), during))
            .WithWarmUpDuration(TailWarmUp);
        using var collections = new GcEventLog();
        var result = await LoadRunner.RegisterScenarios(card).WithoutConsole().WithoutReports().RunAsync(cancellationToken);
        var s = result.Scenarios[0];
        var label = context.Population.ConsentPercent == 0 ? "write path only" : $"{context.Population.ConsentPercent} % notified";
        var pauses = collections.PausesMs; // warm-up included: the longest pause the runs saw
        return new TailRun(label, s.Rps, s.Global.Ok.Latency, s.Global.Service, s.Global.Wait, result.Process.Sum(p => p.GcPauseMs),
            result.Process.Sum(p => p.Gen0Collections + p.Gen1Collections + p.Gen2Collections), pauses.Count == 0 ? 0 : pauses.Max(), collections.Lines);
    }

    private static string Tail(TailRun run) => string.Create(CultureInfo.InvariantCulture,
        $"  {run.Label}: response p99 {run.Response.P99Ms:0.##} ms, p99.9 {run.Response.P999Ms:0.##} ms; service p99 {run.Service.P99Ms:0.##} ms; wait p99 {run.Wait.P99Ms:0.##} ms; GC paused {run.GcPauseMs:0} ms in {run.Collections} collections (longest {run.LongestPauseMs:0.#} ms)");

    private static string Restated(CardRun pingWrite, CardRun card, CardRun write, double fraudCost, int consentPercent)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder("\n| restated throughput targets (same run) | figure | target |\n|---|---|---|\n");
        text.AppendLine(c, $"| ping_write (one {OrleansScenarios.PingWritePayloadBytes}-byte state write per call) | {pingWrite.Rate:N0} /s (p99 {pingWrite.P99Ms:F1} ms) | |");
        text.AppendLine(c, $"| write path only / ping_write | {write.Rate / Math.Max(pingWrite.Rate, 1e-9):P1} | at least 80 % |");
        text.AppendLine(c, $"| card_authorization, {consentPercent} % notified / ping_write | {card.Rate / Math.Max(pingWrite.Rate, 1e-9):P1} | at least 40 % |");
        text.AppendLine(c, $"| cost of the fraud rules | {fraudCost:F2}x | at most 1.3x |");
        return text.ToString();
    }

    private static string Tails(TailRun notified, TailRun write, int consentPercent, TimeSpan during)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(string.Create(c, $"\n| tail latency, card_authorization at {TailRate:N0}/s, open model, {during.TotalSeconds:N0} s after {TailWarmUp.TotalSeconds:N0} s | figure | target |\n|---|---|---|\n"));
        text.AppendLine(c, $"| {consentPercent} % notified: response p99 / p99.9 | {notified.Response.P99Ms:0.##} / {notified.Response.P999Ms:0.##} ms | at most 5 / 15 ms |");
        text.AppendLine(c, $"| {consentPercent} % notified: service p99, wait p99, GC pauses | {notified.Service.P99Ms:0.##} ms, {notified.Wait.P99Ms:0.##} ms, {notified.GcPauseMs:0} ms in {notified.Collections} GCs (longest {notified.LongestPauseMs:0.#} ms) | |");
        text.AppendLine(c, $"| write path only: response p99 | {write.Response.P99Ms:0.##} ms | at most 2 ms |");
        text.AppendLine(c, $"| write path only: service p99, wait p99, GC pauses | {write.Service.P99Ms:0.##} ms, {write.Wait.P99Ms:0.##} ms, {write.GcPauseMs:0} ms in {write.Collections} GCs (longest {write.LongestPauseMs:0.#} ms) | |");
        return text.ToString();
    }

    private static IReadOnlyList<int> ParseRates(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new LoadConfigurationException("--paced-rates: give at least one rate, e.g. 2000,20000.");
        }

        return [.. parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) && rate is >= 10 and <= 1_000_000
            ? rate
            : throw new LoadConfigurationException($"--paced-rates: '{p}' is not a rate between 10 and 1,000,000 per second."))];
    }

    /// <summary>Runs <paramref name="measure"/> against a fresh embedded silo holding <paramref name="population"/>, stopped afterwards.</summary>
    private static async Task<T> OnFreshSiloAsync<T>(PopulationOptions population, Dictionary<string, string?> settings, ClusterConnectOptions connect,
        bool interactive, TextWriter output, Func<LoadContext, Task<T>> measure, CancellationToken cancellationToken)
    {
        await using var silo = await ActorsCluster.StartEmbeddedAsync(settings, connect, cancellationToken);
        var context = new LoadContext(silo.Grains, population, LoadContext.NewRunToken(0)) { InteractiveConsole = interactive, Output = output };
        return await measure(context);
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
        text.AppendLine(c, $"| card_authorization / ping (engine) | {cardRatio:P1} | (restated against ping_write below) |");
        text.AppendLine(c, $"| card_authorization, write path only (no notifications) | {write.Rate:N0} /s (p99 {write.P99Ms:F1} ms) | |");
        text.AppendLine(c, $"| write path only / ping (engine) | {writeRatio:P1} | |");
        text.AppendLine(c, $"| write path only, fraud rules disabled | {plain.Rate:N0} /s | |");
        text.AppendLine(c, $"| cost of the fraud rules (rate without / rate with) | {fraudCost:F2}x | (below) |");
        if (memory is not null)
        {
            text.AppendLine(c, $"| resident memory per user ({memory.Users:N0} users x {memory.AccountsPerUser} accounts, {memory.PostingsPerAccount} postings each, notified) | {memory.ResidentBytesPerUser:N0} B | at most 8,192 B |");
            text.AppendLine(c, $"| in-process storage per user (state bytes and index; not in the silo with Redis/PostgreSQL) | {memory.StorageBytesPerUser:N0} B | |");
        }

        return text.ToString();
    }
}
