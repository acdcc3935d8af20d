using System.CommandLine;
using System.Diagnostics;
using Actors.Simulation.Population;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Commands;

/// <summary><c>generate --seed 42 --users 1000 --days 1 --out trace.parquet|trace.jsonl</c></summary>
internal static class GenerateCommand
{
    public static Command Build()
    {
        var world = new WorldOptions();
        var output = new Option<string>("--out") { Description = "Trace file to write: .parquet or .jsonl (the extension picks the encoding)", Required = true };
        var command = new Command("generate", "Generate a population and its traffic and write them as a trace file.");
        world.AddTo(command);
        command.Options.Add(output);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (options, errors) = world.Read(parse);
            var path = parse.GetValue(output)!;
            try
            {
                TraceFile.EncodingOf(path);
            }
            catch (ArgumentException e)
            {
                errors = [.. errors, "--out: " + e.Message];
            }

            if (options is null || errors.Count > 0)
            {
                return CommandErrors.Report(errors);
            }

            var watch = Stopwatch.StartNew();
            var population = WorldBuilder.Build(options);
            var built = watch.Elapsed;
            try
            {
                var count = await TraceFile.WriteAsync(path, TraceHeader.For(population), new TrafficGenerator(population), cancellationToken);
                var total = watch.Elapsed;
                var traffic = total - built;
                System.Console.WriteLine($"Wrote {count:N0} events to {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB): " +
                    $"{population.UserCount:N0} users, {population.AccountCount:N0} accounts, {population.MerchantCount:N0} merchants; " +
                    $"population {built.TotalSeconds:F1} s, events {traffic.TotalSeconds:F1} s ({count / Math.Max(traffic.TotalSeconds, 1e-6):N0} events/s).");
                return ExitCodes.Ok;
            }
            catch (IOException e)
            {
                System.Console.Error.WriteLine($"error: cannot write {path}: {e.Message}");
                return ExitCodes.Failed;
            }
            catch (UnauthorizedAccessException e)
            {
                System.Console.Error.WriteLine($"error: cannot write {path}: {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
