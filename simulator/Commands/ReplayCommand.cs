using System.CommandLine;
using System.Globalization;
using Actors.Hosting;
using Actors.Simulation.Fraud;
using Actors.Simulation.Population;
using Actors.Simulation.Replay;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Actors.Simulator.Commands;

/// <summary><c>replay trace.parquet [--speed max|N] [--gateway host:port]</c> or <c>replay --live --seed 42 --users 1000 --days 1</c>.</summary>
internal static class ReplayCommand
{
    public static Command Build()
    {
        var world = new WorldOptions();
        var trace = new Argument<string?>("trace") { Description = "Trace file (.parquet or .jsonl); omit with --live", Arity = ArgumentArity.ZeroOrOne };
        var live = new Option<bool>("--live") { Description = "Generate the trace on the fly from --seed/--users/--days instead of reading a file" };
        var speed = new Option<string>("--speed") { Description = "max (as fast as possible) or N: N times simulated time", DefaultValueFactory = _ => "max" };
        var gateway = new Option<string?>("--gateway") { Description = "host:port of a running cluster's gateway; default: an embedded in-process silo" };
        var concurrency = new Option<int>("--concurrency") { Description = "Grain calls in flight at most", DefaultValueFactory = _ => ReplayOptions.DefaultMaxConcurrency };
        var clusterId = new Option<string>("--cluster-id") { Description = "Cluster id of the --gateway cluster", DefaultValueFactory = _ => "actors" };
        var fraudReport = new Option<bool>("--fraud-report") { Description = "Score fraud detection against the trace's labels: precision, recall, F1 per pattern, confusion matrix (also written as Markdown and CSV)" };
        var engine = new Option<string>("--engine") { Description = "cluster (grain calls) or ledger (the accounts' own rules in this process, no cluster: fast scoring of large traces)", DefaultValueFactory = _ => "cluster" };
        var reportDir = new Option<string>("--report-dir") { Description = "Folder for the fraud report", DefaultValueFactory = _ => "reports" };
        var command = new Command("replay", "Drive a trace (or a live generated stream) into a cluster; every event ends applied, declined (reason), failed (error) or skipped.\n" +
            "Exit codes: 0 all events answered, 1 some events failed or the cluster was unreachable, 2 bad arguments or trace file.");
        command.Arguments.Add(trace);
        command.Options.Add(live);
        world.AddTo(command);
        command.Options.Add(speed);
        command.Options.Add(gateway);
        command.Options.Add(concurrency);
        command.Options.Add(clusterId);
        command.Options.Add(fraudReport);
        command.Options.Add(engine);
        command.Options.Add(reportDir);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var replayOptions = new ReplayOptions { MaxConcurrency = parse.GetValue(concurrency) };
            var speedText = parse.GetValue(speed)!;
            if (!string.Equals(speedText, "max", StringComparison.OrdinalIgnoreCase))
            {
                if (double.TryParse(speedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && double.IsFinite(factor))
                {
                    replayOptions.Speed = factor;
                }
                else
                {
                    errors.Add($"--speed '{speedText}' must be 'max' or a positive number (times simulated time).");
                }
            }

            errors.AddRange(replayOptions.Validate().Select(e => e.Replace(nameof(ReplayOptions.MaxConcurrency), "--concurrency", StringComparison.Ordinal)));
            var path = parse.GetValue(trace);
            var isLive = parse.GetValue(live);
            if (isLive == (path is not null))
            {
                errors.Add(isLive ? "Give either a trace file or --live, not both." : "Give a trace file to replay, or --live to generate one on the fly.");
            }

            var (simulation, worldErrors) = world.Read(parse);
            if (isLive)
            {
                errors.AddRange(worldErrors);
            }

            var engineName = parse.GetValue(engine)!;
            if (engineName is not ("cluster" or "ledger"))
            {
                errors.Add($"--engine '{engineName}' must be 'cluster' or 'ledger'.");
            }
            else if (engineName == "ledger" && (parse.GetValue(gateway) is not null || replayOptions.Speed is not null))
            {
                errors.Add("--engine ledger replays in this process as fast as possible: drop --gateway and --speed.");
            }

            if (errors.Count > 0)
            {
                return CommandErrors.Report(errors);
            }

            TraceReader? reader = null;
            try
            {
                IAsyncEnumerable<TraceEvent> events;
                long? expected = null;
                if (isLive)
                {
                    events = ToAsync(new TrafficGenerator(WorldBuilder.Build(simulation!)));
                }
                else
                {
                    reader = await TraceFile.OpenAsync(path!, cancellationToken);
                    expected = reader.DeclaredEventCount;
                    events = reader.ReadEventsAsync(cancellationToken);
                }

                if (engineName == "ledger")
                {
                    var offline = LedgerReplay.Run(events.ToBlockingEnumerable(cancellationToken), FraudDetection.Default());
                    AnsiConsole.MarkupLineInterpolated($"Ledger replay (no cluster): {offline.Events:N0} events in {offline.Elapsed.TotalSeconds:F1} s; {offline.Balances.Count:N0} accounts, deposited {offline.DepositedMinor:N0}, spent {offline.SpentMinor:N0} (minor units).");
                    if (parse.GetValue(fraudReport))
                    {
                        FraudReport.Write(offline.Fraud, parse.GetValue(reportDir)!, $"Fraud detection, {path ?? "live trace"} (ledger engine)");
                    }

                    return ExitCodes.Ok;
                }

                await using var cluster = await ActorsCluster.ConnectAsync(parse.GetValue(gateway), parse.GetValue(clusterId)!, cancellationToken: cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"Replaying into {cluster.Description}, speed {(replayOptions.Speed is { } s ? s + "x" : "max")}, {replayOptions.MaxConcurrency} in flight.");
                var replayer = new TraceReplayer(cluster.Grains, replayOptions);
                var result = await RunWithProgress(replayer, events, expected, cancellationToken);
                ReplaySummary.Print(result);
                if (parse.GetValue(fraudReport))
                {
                    FraudReport.Write(result.Fraud, parse.GetValue(reportDir)!, $"Fraud detection, {path ?? "live trace"} (cluster replay)");
                }

                return result.Failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;
            }
            catch (Exception e) when (e is TraceFormatException or ArgumentException or FileNotFoundException or OptionsValidationException)
            {
                return CommandErrors.Report([e.Message]);
            }
            catch (InvalidOperationException e)
            {
                System.Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Failed;
            }
            finally
            {
                if (reader is not null)
                {
                    await reader.DisposeAsync();
                }
            }
        });
        return command;
    }

    private static async Task<ReplayResult> RunWithProgress(TraceReplayer replayer, IAsyncEnumerable<TraceEvent> events, long? expected, CancellationToken cancellationToken)
    {
        ReplayResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("events", maxValue: expected ?? 1);
                task.IsIndeterminate = expected is null;
                var replay = replayer.ReplayAsync(events, cancellationToken);
                while (!replay.IsCompleted)
                {
                    var done = replayer.Current.Total;
                    task.Value = expected is null ? 0 : done;
                    task.Description = $"events {done:N0}";
                    await Task.WhenAny(replay, Task.Delay(200, CancellationToken.None));
                }

                result = await replay;
                task.IsIndeterminate = false;
                task.MaxValue = Math.Max(1, result.Total);
                task.Value = task.MaxValue;
                task.Description = $"events {result.Total:N0}";
            });
        return result!;
    }

    private static async IAsyncEnumerable<TraceEvent> ToAsync(IEnumerable<TraceEvent> events)
    {
        foreach (var e in events)
        {
            yield return e;
        }

        await Task.CompletedTask;
    }
}
