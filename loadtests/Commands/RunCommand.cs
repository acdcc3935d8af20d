using System.CommandLine;
using Actors.Hosting;
using Actors.Load;
using Actors.Load.Console;
using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;
using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;

namespace Actors.LoadTests.Commands;

/// <summary><c>run</c>: one scenario (or the weighted <c>mixed</c> blend) under an open or closed load shape.</summary>
public static class RunCommand
{
    public static Command Create(CommonOptions common)
    {
        var scenario = new Option<string>("--scenario") { Description = $"one of: {string.Join(", ", OrleansScenarios.Names)}", Required = true };
        var rate = new Option<int?>("--rate") { Description = "open model: requests injected per second (Inject)" };
        var copies = new Option<int?>("--copies") { Description = "closed model: concurrent copies looping back to back (KeepConstant)" };
        var duration = new Option<string>("--duration") { Description = "measured duration, e.g. 30s, 2m", DefaultValueFactory = _ => "30s" };
        var warmUp = new Option<string>("--warm-up") { Description = "warm-up before measuring (0 for none)", DefaultValueFactory = _ => "3s" };
        var threshold = new Option<string[]>("--threshold") { Description = "SLO checks, e.g. \"p99<50ms,fail<0.1%\" (repeatable); a breach exits 1", AllowMultipleArgumentsPerToken = false };
        var interval = new Option<string>("--interval") { Description = "reporting interval", DefaultValueFactory = _ => "5s" };
        var gcLog = new Option<string?>("--gc-log") { Description = "write one line per garbage collection of this process (pause, suspension, promoted bytes by root kind) to this file" };
        var command = new Command("run", "Run a scenario against the cluster and write reports (exit 0 passed, 1 threshold breached, 2 bad arguments).");
        command.Options.Add(scenario);
        command.Options.Add(rate);
        command.Options.Add(copies);
        command.Options.Add(duration);
        command.Options.Add(warmUp);
        command.Options.Add(threshold);
        command.Options.Add(interval);
        command.Options.Add(gcLog);
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(scenario)!;
            var during = ArgumentParsers.Duration(parse.GetValue(duration), "--duration");
            var warm = parse.GetValue(warmUp) is "0" or "0s" ? TimeSpan.Zero : ArgumentParsers.Duration(parse.GetValue(warmUp), "--warm-up");
            var shape = Shape(parse.GetValue(rate), parse.GetValue(copies), during);
            var population = common.Population(parse);
            var thresholds = parse.GetValue(threshold) ?? [];
            if (!OrleansScenarios.Names.Contains(name))
            {
                throw new LoadConfigurationException($"--scenario '{name}': expected one of {string.Join(", ", OrleansScenarios.Names)}.");
            }

            foreach (var t in thresholds)
            {
                try
                {
                    Load.Thresholds.ThresholdParser.Parse(t);
                }
                catch (LoadConfigurationException e)
                {
                    // The parser quotes the bad part; the user also needs to know which flag it came from.
                    throw new LoadConfigurationException($"--threshold: {e.Message}", e);
                }
            }

            var reportFolder = common.ReportFolder(parse);
            var reportingInterval = ArgumentParsers.Duration(parse.GetValue(interval), "--interval");
            var output = common.Console.Output;
            var gcLogPath = parse.GetValue(gcLog);
            using var gcEvents = gcLogPath is null ? null : new GcEventLog();
            await using var cluster = await common.ConnectAsync(parse, cancellationToken);
            output.WriteLine($"Target: {cluster.Description}");
            var context = new LoadContext(cluster.Grains, population, LoadContext.NewRunToken(population.AgentIndex))
            {
                InteractiveConsole = common.Interactive(parse),
                Output = output,
            };
            var scenarios = OrleansScenarios.Create(name, context)
                .Select((s, i) => i == 0 ? s.WithLoadSimulations(shape).WithWarmUpDuration(warm) : s)
                .ToArray();
            var runner = LoadRunner.RegisterScenarios(scenarios)
                .WithRunName(name)
                .WithReportFolder(reportFolder)
                .WithReportingInterval(reportingInterval)
                .WithAgent(population.AgentIndex + 1, population.AgentCount)
                .WithOptions(o => o with { Output = output, ConsoleMode = common.Console.EngineMode });
            foreach (var t in thresholds)
            {
                runner = runner.WithThresholds(t);
            }

            // The engine prints the summary (and its progress) itself; without a console it prints neither, and the
            // summary, which says whether the SLO held and where the reports are, is printed here instead.
            var quiet = parse.GetValue(common.NoConsole);
            if (quiet)
            {
                runner = runner.WithoutConsole();
            }

            var result = await runner.RunAsync(cancellationToken);
            if (gcEvents is not null)
            {
                await File.WriteAllLinesAsync(gcLogPath!, [GcEventLog.Header, .. gcEvents.Lines], cancellationToken);
            }
            if (quiet)
            {
                SummaryPrinter.PrintPlain(output, result);
            }

            return ExitCodes.FromResult(result);
        });
        return command;
    }

    internal static LoadSimulation Shape(int? rate, int? copies, TimeSpan during) => (rate, copies) switch
    {
        ({ } r, null) => LoadShapes.Inject(ArgumentParsers.Positive(r, "--rate", 10_000_000), TimeSpan.FromSeconds(1), during),
        (null, { } c) => LoadShapes.KeepConstant(ArgumentParsers.Positive(c, "--copies", 100_000), during),
        (null, null) => throw new LoadConfigurationException("Give the load shape: --rate N (open model, requests/s) or --copies N (closed model)."),
        _ => throw new LoadConfigurationException("--rate and --copies exclude each other: choose the open model (--rate) or the closed model (--copies)."),
    };
}
