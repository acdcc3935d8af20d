using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Actors.Hosting;
using Actors.Hosting.CommandLine;
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
        var cluster = new ClusterAddressOptions();
        var concurrency = new Option<int>("--concurrency") { Description = "Grain calls in flight at most", DefaultValueFactory = _ => ReplayOptions.DefaultMaxConcurrency };
        var fraudReport = new Option<bool>("--fraud-report") { Description = "Score fraud detection against the trace's labels: precision, recall, F1 per pattern, confusion matrix (also written as Markdown and CSV)" };
        var engine = new Option<string>("--engine") { Description = "cluster (grain calls) or ledger (the accounts' own rules in this process, no cluster: fast scoring of large traces)", DefaultValueFactory = _ => "cluster" };
        var resamples = new Option<int>("--bootstrap-resamples") { Description = $"With --fraud-report: bootstrap resamples of the 95 % intervals ({BootstrapOptions.MinResamples}-{BootstrapOptions.MaxResamples:N0}; whole episodes, legitimate payments by user)", DefaultValueFactory = _ => BootstrapOptions.DefaultResamples };
        var bootstrapSeed = new Option<long>("--bootstrap-seed") { Description = "With --fraud-report: seed of the bootstrap (the same trace and seed give the same intervals)", DefaultValueFactory = _ => BootstrapOptions.DefaultSeed };
        var reportDir = new Option<string>("--report-dir") { Description = "Folder for the fraud report", DefaultValueFactory = _ => "reports" };
        var verbose = new Option<bool>("--verbose") { Description = "Also show Orleans' own warnings (hidden by default: start-up notes that read like failures)" };
        var command = new Command("replay", "Drive a trace (or a live generated stream) into a cluster; every event ends applied, declined (reason), failed (error) or skipped.\n" +
            "A trace file is checked whole (format, checksums, sequence) before the first event is sent: a bad trace changes nothing.\n" +
            "Exit codes: 0 all events answered, 1 some events failed or the cluster was unreachable, 2 bad arguments or trace file (nothing applied).");
        command.Arguments.Add(trace);
        command.Options.Add(live);
        world.AddTo(command);
        command.Options.Add(speed);
        cluster.AddTo(command);
        command.Options.Add(concurrency);
        command.Options.Add(fraudReport);
        command.Options.Add(engine);
        command.Options.Add(resamples);
        command.Options.Add(bootstrapSeed);
        command.Options.Add(reportDir);
        command.Options.Add(verbose);
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
            var bootstrap = new BootstrapOptions { Resamples = parse.GetValue(resamples), Seed = parse.GetValue(bootstrapSeed) };
            errors.AddRange(bootstrap.Validate().Select(e => e.Replace(nameof(BootstrapOptions.Resamples), "--bootstrap-resamples", StringComparison.Ordinal)));
            var path = parse.GetValue(trace);
            var isLive = parse.GetValue(live);
            if (isLive == (path is not null))
            {
                errors.Add(isLive ? "Give either a trace file or --live, not both." : "Give a trace file to replay, or --live to generate one on the fly.");
            }

            try
            {
                cluster.Address(parse);
                cluster.Failover(parse);
                cluster.Tls(parse);
            }
            catch (OptionsValidationException e)
            {
                errors.AddRange(e.Failures);
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
            else if (engineName == "ledger" && (cluster.NamesCluster(parse) || replayOptions.Speed is not null))
            {
                errors.Add("--engine ledger replays in this process as fast as possible: drop --gateway/--clustering and --speed.");
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
                    // The whole trace first: a bad row found half-way must not leave a cluster half-replayed.
                    try
                    {
                        expected = await CountValidEventsAsync(path!, cancellationToken);
                    }
                    catch (TraceFormatException e)
                    {
                        return CommandErrors.Report([e.Message, "Nothing was applied: the whole trace is checked before the first event is sent."]);
                    }

                    reader = await TraceFile.OpenAsync(path!, cancellationToken);
                    events = reader.ReadEventsAsync(cancellationToken);
                }

                if (engineName == "ledger")
                {
                    var offline = LedgerReplay.Run(events.ToBlockingEnumerable(cancellationToken), FraudDetection.Default());
                    AnsiConsole.MarkupLineInterpolated($"Ledger replay (no cluster): {offline.Events:N0} events in {offline.Elapsed.TotalSeconds:F1} s; {offline.Balances.Count:N0} accounts, deposited {offline.DepositedMinor:N0}, spent {offline.SpentMinor:N0} (minor units).");
                    if (parse.GetValue(fraudReport))
                    {
                        FraudReport.Write(offline.Fraud, parse.GetValue(reportDir)!, $"Fraud detection, {path ?? "live trace"} (ledger engine)", bootstrap);
                    }

                    return ExitCodes.Ok;
                }

                var connect = new ClusterConnectOptions { Verbose = parse.GetValue(verbose), Failover = cluster.Failover(parse), Tls = cluster.Tls(parse) };
                await using var target = await ActorsCluster.ConnectAsync(cluster.Address(parse),
                    embeddedSettings: null, connect, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"Replaying into {target.Description}, speed {(replayOptions.Speed is { } s ? s + "x" : "max")}, {replayOptions.MaxConcurrency} in flight.");
                var replayer = new TraceReplayer(target.Grains, replayOptions);
                var result = await RunWithProgress(replayer, events, expected, cancellationToken);
                ReplaySummary.Print(result);
                if (parse.GetValue(fraudReport))
                {
                    FraudReport.Write(result.Fraud, parse.GetValue(reportDir)!, $"Fraud detection, {path ?? "live trace"} (cluster replay)", bootstrap);
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

    /// <summary>Reads the whole trace (every check the reader makes, checksums included) and counts its events.</summary>
    /// <exception cref="TraceFormatException">The first problem, naming the file and the row or line.</exception>
    private static async Task<long> CountValidEventsAsync(string path, CancellationToken cancellationToken)
    {
        await using var check = await TraceFile.OpenAsync(path, cancellationToken);
        var count = 0L;
        await foreach (var _ in check.ReadEventsAsync(cancellationToken))
        {
            count++;
        }

        return count;
    }

    private static async Task<ReplayResult> RunWithProgress(TraceReplayer replayer, IAsyncEnumerable<TraceEvent> events, long? expected, CancellationToken cancellationToken)
    {
        ReplayResult? result = null;
        if (expected is null)
        {
            return await RunWithCount(replayer, events, cancellationToken);
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("events", maxValue: Math.Max(1, expected ?? 1));
                var replay = replayer.ReplayAsync(events, cancellationToken);
                while (!replay.IsCompleted)
                {
                    var done = replayer.Current.Total;
                    task.Value = expected is null ? 0 : Math.Min(done, task.MaxValue);
                    task.Description = expected is null ? $"events {done:N0}" : $"events {done:N0} of {expected:N0}";
                    await Task.WhenAny(replay, Task.Delay(200, CancellationToken.None));
                }

                result = await replay;
                task.MaxValue = Math.Max(1, result.Total);
                task.Value = task.MaxValue;
                task.Description = $"events {result.Total:N0}";
            });
        return result!;
    }

    /// <summary>
    /// A live stream has no known end, so no percentage (Spectre's progress printed one that stayed at 0 %): a spinner
    /// with the count on a terminal, a line with the count every few seconds otherwise.
    /// </summary>
    private static async Task<ReplayResult> RunWithCount(TraceReplayer replayer, IAsyncEnumerable<TraceEvent> events, CancellationToken cancellationToken)
    {
        var replay = replayer.ReplayAsync(events, cancellationToken);
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Status().StartAsync("events 0", async context =>
            {
                while (!replay.IsCompleted)
                {
                    context.Status($"events {replayer.Current.Total:N0}");
                    await Task.WhenAny(replay, Task.Delay(200, CancellationToken.None));
                }
            });
            return await replay;
        }

        var started = Stopwatch.StartNew();
        while (!replay.IsCompleted)
        {
            await Task.WhenAny(replay, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            if (!replay.IsCompleted)
            {
                AnsiConsole.WriteLine($"events {replayer.Current.Total:N0} after {started.Elapsed.TotalSeconds:F0} s");
            }
        }

        return await replay;
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
