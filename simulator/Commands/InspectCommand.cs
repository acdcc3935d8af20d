using System.CommandLine;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Spectre.Console;

namespace Actors.Simulator.Commands;

/// <summary><c>inspect trace.parquet</c>: the header, then counts per event type and per fraud label (reading validates every row).</summary>
internal static class InspectCommand
{
    public static Command Build()
    {
        var trace = new Argument<string>("trace") { Description = "Trace file (.parquet or .jsonl)" };
        var command = new Command("inspect", "Show a trace's header and its counts per event type and fraud label; validates the whole file, checksums included (format 2).");
        command.Arguments.Add(trace);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(trace)!;
            try
            {
                await using var reader = await TraceFile.OpenAsync(path, cancellationToken);
                AnsiConsole.WriteLine(reader.Header.ToJson(indented: true));
                var counts = await TraceCounts.OfAsync(reader.ReadEventsAsync(cancellationToken), cancellationToken);
                Print(counts);
                AnsiConsole.WriteLine(reader.Header.HasChecksums
                    ? $"Integrity: format {reader.Header.FormatVersion}, every checksum matched (CRC-32 per {(TraceFile.EncodingOf(path) == TraceEncoding.Parquet ? "row group" : $"{TraceFormatInfo.LinesPerChecksum:N0} lines")})."
                    : $"Integrity: format {reader.Header.FormatVersion} carries no checksums, so changed bytes that still decode are not detected (generate the trace again for format {TraceFormatInfo.FormatVersion}).");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is TraceFormatException or ArgumentException or FileNotFoundException)
            {
                return CommandErrors.Report([e.Message]);
            }
        });
        return command;
    }

    private static void Print(TraceCounts counts)
    {
        var types = new Table().AddColumn("event type").AddColumn(new TableColumn("events").RightAligned());
        foreach (var type in TraceNames.AllEventTypes)
        {
            types.AddRow(TraceNames.Of(type), counts.Of(type).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        types.AddRow("[bold]total[/]", counts.Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        AnsiConsole.Write(types);
        var labels = new Table().AddColumn("fraud label").AddColumn(new TableColumn("events").RightAligned()).AddColumn(new TableColumn("card events").RightAligned());
        foreach (var label in TraceNames.AllFraudLabels)
        {
            labels.AddRow(TraceNames.Of(label), counts.Of(label).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), counts.CardsOf(label).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(labels);
        if (counts.Total > 0)
        {
            AnsiConsole.WriteLine($"Simulated time: {DateTimeOffset.FromUnixTimeMilliseconds(counts.FirstTimeMs):u} to {DateTimeOffset.FromUnixTimeMilliseconds(counts.LastTimeMs):u}; fraud share of card events {counts.CardFraudRate:P3}.");
        }
    }
}
