using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Commands;

/// <summary>
/// <c>bench [--quick]</c>: generation speed into memory, Parquet and JSON Lines (one thread each),
/// and peak memory, for growing populations and periods. Sizes run smallest first, so the peak
/// working set printed on a row is the peak of that size (it only grows).
/// </summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var quick = new Option<bool>("--quick") { Description = "A small run (10k and 100k users x 1 day) instead of 10k/100k/1M x 1/7 days" };
        var users = new Option<string?>("--users") { Description = "Comma-separated user counts, e.g. 10000,100000" };
        var days = new Option<string?>("--days") { Description = "Comma-separated periods in days, e.g. 1,7" };
        var encodings = new Option<bool>("--memory-only") { Description = "Measure generation into memory only (skip the file encodings)" };
        var command = new Command("bench", "Measure generation: events/s into memory, Parquet and JSON Lines (single-threaded), with peak memory.");
        command.Options.Add(quick);
        command.Options.Add(users);
        command.Options.Add(days);
        command.Options.Add(encodings);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var sizes = ParseList(parse.GetValue(users), "--users", errors) ?? (parse.GetValue(quick) ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]);
            var periods = ParseList(parse.GetValue(days), "--days", errors) ?? (parse.GetValue(quick) ? [1] : [1, 7]);
            if (errors.Count > 0)
            {
                return CommandErrors.Report(errors);
            }

            System.Console.WriteLine("users      days  events       build s  memory ev/s   parquet ev/s  jsonl ev/s   parquet MiB  peak WS MiB");
            var directory = Directory.CreateTempSubdirectory("actors-bench-");
            try
            {
                foreach (var size in sizes)
                {
                    foreach (var period in periods)
                    {
                        var options = new SimulationOptions { Users = size, Days = period };
                        var problems = SimulationOptionsValidator.Validate(options);
                        if (problems.Count > 0)
                        {
                            return CommandErrors.Report(problems);
                        }

                        await RunOne(options, directory.FullName, parse.GetValue(encodings), cancellationToken);
                    }
                }
            }
            finally
            {
                directory.Delete(recursive: true);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task RunOne(SimulationOptions options, string directory, bool memoryOnly, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var world = WorldBuilder.Build(options);
        var build = watch.Elapsed.TotalSeconds;
        var generator = new TrafficGenerator(world);

        watch.Restart();
        long count = 0, checksum = 0;
        foreach (var e in generator)
        {
            count++;
            checksum += e.AmountMinor;
        }

        var memoryRate = count / watch.Elapsed.TotalSeconds;
        double parquetRate = double.NaN, jsonRate = double.NaN, parquetMiB = double.NaN;
        if (!memoryOnly)
        {
            var header = TraceHeader.For(world);
            var parquet = Path.Combine(directory, "bench.parquet");
            watch.Restart();
            await TraceFile.WriteAsync(parquet, header, generator, cancellationToken);
            parquetRate = count / watch.Elapsed.TotalSeconds;
            parquetMiB = new FileInfo(parquet).Length / 1024.0 / 1024.0;
            File.Delete(parquet);

            var jsonl = Path.Combine(directory, "bench.jsonl");
            watch.Restart();
            await TraceFile.WriteAsync(jsonl, header, generator, cancellationToken);
            jsonRate = count / watch.Elapsed.TotalSeconds;
            File.Delete(jsonl);
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Users,-10} {options.Days,-5} {count,-12:N0} {build,-8:F1} {memoryRate,-13:N0} {parquetRate,-13:N0} {jsonRate,-12:N0} {parquetMiB,-12:F1} {peak:F0}"));
        GC.KeepAlive(checksum);
    }

    private static int[]? ParseList(string? text, string flag, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                values.Add(value);
            }
            else
            {
                errors.Add($"{flag}: '{part}' is not a positive whole number.");
            }
        }

        return values.Count > 0 ? values.ToArray() : null;
    }
}
