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
    public static Command Create(CommonOptions common)
    {
        var copies = new Option<int>("--copies") { Description = "concurrent copies for the throughput runs", DefaultValueFactory = _ => 64 };
        var duration = new Option<string>("--duration") { Description = "duration of each throughput run", DefaultValueFactory = _ => "10s" };
        var memoryUsers = new Option<int>("--memory-users") { Description = "users activated by the memory probe (0: skip it)", DefaultValueFactory = _ => 100_000 };
        var command = new Command("bench", "Measure engine overhead, card_authorization vs ping, and memory per user, in one run (exit 0, 2 bad arguments).");
        command.Options.Add(copies);
        command.Options.Add(duration);
        command.Options.Add(memoryUsers);
        common.AddTo(command, population: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var copyCount = ArgumentParsers.Positive(parse.GetValue(copies), "--copies", 10_000);
            var during = ArgumentParsers.Duration(parse.GetValue(duration), "--duration");
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
            await using var cluster = await ActorsCluster.StartEmbeddedAsync(cancellationToken: cancellationToken);
            var context = new LoadContext(cluster.Grains, population, LoadContext.NewRunToken(0)) { InteractiveConsole = !parse.GetValue(common.NoConsole) && !Console.IsOutputRedirected };
            await context.EnsurePopulationAsync(cancellationToken);
            var grains = cluster.Grains;

            Console.WriteLine($"ping: bare loop vs engine, {copyCount} copies, {during.TotalSeconds:N0} s each...");
            long n = 0;
            var pings = OrleansScenarios.PingGrains(grains);
            var overhead = await EngineOverheadBenchmark.MeasureAsync(
                () =>
                {
                    var i = Interlocked.Increment(ref n);
                    return pings[(int)(i & 1023)].Ping(i).AsTask();
                }, copyCount, during, cancellationToken);
            Console.WriteLine($"  {overhead}");

            Console.WriteLine($"card_authorization under the engine, {copyCount} copies, {during.TotalSeconds:N0} s...");
            var card = OrleansScenarios.CreateCardAuthorization(context).WithLoadSimulations(Simulation.KeepConstant(copyCount, during)).WithWarmUpDuration(TimeSpan.FromSeconds(2));
            var cardRun = (await LoadRunner.RegisterScenarios(card).WithoutConsole().WithoutReports().RunAsync(cancellationToken)).Scenarios[0];
            var cardRate = cardRun.OkCount / Math.Max(cardRun.DurationSeconds, 1e-9);
            var cardRatio = cardRate / Math.Max(overhead.EngineOpsPerSecond, 1e-9);
            Console.WriteLine($"  {cardRate:N0} authorizations/s (p99 {cardRun.Global.Ok.Latency.P99Ms:F1} ms, {cardRun.FailCount} failed): {cardRatio:P1} of engine ping");

            // The same path with fraud detection off, on a second embedded silo, same population and load.
            Console.WriteLine($"card_authorization with fraud rules disabled (Actors:Fraud:Detector=none), {copyCount} copies, {during.TotalSeconds:N0} s...");
            double plainRate;
            await using (var plain = await ActorsCluster.StartEmbeddedAsync(new Dictionary<string, string?> { ["Actors:Fraud:Detector"] = "none" }, cancellationToken: cancellationToken))
            {
                var plainContext = new LoadContext(plain.Grains, population, LoadContext.NewRunToken(0)) { InteractiveConsole = context.InteractiveConsole };
                await plainContext.EnsurePopulationAsync(cancellationToken);
                var plainCard = OrleansScenarios.CreateCardAuthorization(plainContext).WithLoadSimulations(Simulation.KeepConstant(copyCount, during)).WithWarmUpDuration(TimeSpan.FromSeconds(2));
                var plainRun = (await LoadRunner.RegisterScenarios(plainCard).WithoutConsole().WithoutReports().RunAsync(cancellationToken)).Scenarios[0];
                plainRate = plainRun.OkCount / Math.Max(plainRun.DurationSeconds, 1e-9);
            }

            var fraudCost = plainRate / Math.Max(cardRate, 1e-9);
            Console.WriteLine($"  {plainRate:N0} authorizations/s without rules: the rules cost {fraudCost:F2}x");

            MemoryProbeResult? memory = null;
            if (probeUsers > 0)
            {
                Console.WriteLine($"memory probe: activating {probeUsers:N0} users with 2 accounts each...");
                memory = await MemoryProbe.MeasureAsync(grains, probeUsers, 2, copyCount, null, cancellationToken);
                Console.WriteLine($"  resident {memory.ResidentBytesPerUser:N0} B/user (in-memory storage {memory.StorageBytesPerUser:N0} B/user more; {memory.UsersPerSecond:N0} users/s set up)");
            }

            var report = Render(copyCount, during, overhead, cardRate, cardRun.Global.Ok.Latency.P99Ms, cardRatio, plainRate, fraudCost, memory);
            var folder = Path.Combine(parse.GetValue(common.ReportDir)!, $"{DateTime.UtcNow:yyyyMMdd_HHmmss}_bench");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "bench.md"), report, cancellationToken);
            Console.WriteLine();
            Console.WriteLine(report);
            Console.WriteLine($"Report: {Path.Combine(folder, "bench.md")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Render(int copies, TimeSpan during, OverheadResult ping, double cardRate, double cardP99, double cardRatio,
        double plainRate, double fraudCost, MemoryProbeResult? memory)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"| measure ({copies} copies, {during.TotalSeconds:N0} s, embedded silo, {Environment.ProcessorCount} cores) | figure | target |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(c, $"| ping, bare loop | {ping.BareOpsPerSecond:N0} calls/s | |");
        text.AppendLine(c, $"| ping, under the engine | {ping.EngineOpsPerSecond:N0} calls/s | |");
        text.AppendLine(c, $"| engine share of bare ping | {ping.Ratio:P1} | at least 80 % |");
        text.AppendLine(c, $"| card_authorization, under the engine | {cardRate:N0} /s (p99 {cardP99:F1} ms) | |");
        text.AppendLine(c, $"| card_authorization / ping (engine) | {cardRatio:P1} | at least 50 % |");
        text.AppendLine(c, $"| card_authorization, fraud rules disabled | {plainRate:N0} /s | |");
        text.AppendLine(c, $"| cost of the fraud rules (rate without / rate with) | {fraudCost:F2}x | at most 1.5x |");
        if (memory is not null)
        {
            text.AppendLine(c, $"| resident memory per user ({memory.Users:N0} users x {memory.AccountsPerUser} accounts) | {memory.ResidentBytesPerUser:N0} B | at most 8,192 B |");
            text.AppendLine(c, $"| in-memory storage per user (not resident with Redis/PostgreSQL) | {memory.StorageBytesPerUser:N0} B | |");
        }

        return text.ToString();
    }
}
