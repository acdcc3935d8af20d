using System.CommandLine;
using Actors.Simulation.Trace;
using Spectre.Console;

namespace Actors.Simulator.Commands;

/// <summary><c>split trace --at 0.8 --out-train a --out-test b</c>: a time-based train/test split without leakage across it (see <see cref="TraceSplit"/>).</summary>
internal static class SplitCommand
{
    public static Command Build()
    {
        var trace = new Argument<string>("trace") { Description = "Trace file to split (.parquet or .jsonl)" };
        var at = new Option<string>("--at") { Description = "Split instant: a fraction of the period (0.8), a date (yyyy-MM-dd, midnight UTC) or an instant (yyyy-MM-ddTHH:mm:ssZ), strictly inside the period", Required = true };
        var train = new Option<string>("--out-train") { Description = "Train side: .parquet or .jsonl (the extension picks the encoding)", Required = true };
        var test = new Option<string>("--out-test") { Description = "Test side: .parquet or .jsonl", Required = true };
        var command = new Command("split", "Split a trace in time into train and test traces: setup events go to both, traffic before --at to train and after it to test; an episode that starts before --at stays in train and its later events are dropped.");
        command.Arguments.Add(trace);
        command.Options.Add(at);
        command.Options.Add(train);
        command.Options.Add(test);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = parse.GetValue(trace)!;
            var trainPath = parse.GetValue(train)!;
            var testPath = parse.GetValue(test)!;
            try
            {
                TraceFile.EncodingOf(trainPath);
                TraceFile.EncodingOf(testPath);
                if (SamePath(input, trainPath) || SamePath(input, testPath) || SamePath(trainPath, testPath))
                {
                    return CommandErrors.Report(["--out-train, --out-test and the trace must be three different files."]);
                }

                long atMs;
                await using (var reader = await TraceFile.OpenAsync(input, cancellationToken))
                {
                    atMs = TraceSplit.ParseAt(parse.GetValue(at)!, reader.Header.Options);
                }

                var (trainCount, testCount) = await TraceSplit.SplitAsync(input, atMs, trainPath, testPath, cancellationToken);
                AnsiConsole.WriteLine($"Split at {DateTimeOffset.FromUnixTimeMilliseconds(atMs):u}: {trainCount:N0} events to {trainPath}, {testCount:N0} to {testPath} (setup events in both).");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is TraceFormatException or ArgumentException or FileNotFoundException)
            {
                return CommandErrors.Report([e.Message]);
            }
        });
        return command;
    }

    private static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
