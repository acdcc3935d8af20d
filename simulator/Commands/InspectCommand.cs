using System.CommandLine;
using System.Globalization;
using Actors.Simulation.Analysis;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Spectre.Console;

namespace Actors.Simulator.Commands;

/// <summary>
/// <c>inspect trace.parquet</c>: the header, then counts per event type and per fraud label (reading
/// validates every row); with <c>--leakage</c> also how well each column alone separates fraud; with
/// <c>--calibration</c> the trace's shape figures beside published anchors.
/// </summary>
internal static class InspectCommand
{
    public static Command Build()
    {
        var trace = new Argument<string>("trace") { Description = "Trace file (.parquet or .jsonl)" };
        var command = new Command("inspect", "Show a trace's header and its counts per event type and fraud label; validates the whole file, checksums included (format 2).");
        var leakage = new Option<bool>("--leakage") { Description = $"Also score each column of the card payments by the AUC of its best one-feature score against the fraud label; columns above {ColumnLeakage.LeakThreshold} are flagged" };
        var calibration = new Option<bool>("--calibration") { Description = "Also print the trace's shape (payments per user per day, card-present and cross-border shares, fraud shares by count and value, amounts per category, price-point cents, hour-of-day and weekday profiles) beside published anchors" };
        command.Arguments.Add(trace);
        command.Options.Add(leakage);
        command.Options.Add(calibration);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(trace)!;
            try
            {
                await using var reader = await TraceFile.OpenAsync(path, cancellationToken);
                AnsiConsole.WriteLine(reader.Header.ToJson(indented: true));
                var counts = new TraceCounts();
                var analysis = parse.GetValue(leakage) ? new LeakageAnalysis() : null;
                var shape = parse.GetValue(calibration) ? new CalibrationAnalysis(reader.Header.Options.Days) : null;
                await foreach (var e in reader.ReadEventsAsync(cancellationToken))
                {
                    counts.Add(e);
                    analysis?.Add(e);
                    shape?.Add(e);
                }

                if (shape?.Unusable is { } problem)
                {
                    return CommandErrors.Report([$"{path}: --calibration: {problem}."]);
                }

                Print(counts);
                if (analysis is not null)
                {
                    Print(analysis);
                }

                if (shape is not null)
                {
                    Print(shape);
                }

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
        var labels = new Table().AddColumn("fraud label").AddColumn(new TableColumn("events").RightAligned()).AddColumn(new TableColumn("card events").RightAligned())
            .AddColumn(new TableColumn("chargebacks").RightAligned());
        foreach (var label in TraceNames.AllFraudLabels)
        {
            labels.AddRow(TraceNames.Of(label), counts.Of(label).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), counts.CardsOf(label).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                counts.ChargebacksOf(label).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(labels);
        if (counts.Total > 0)
        {
            AnsiConsole.WriteLine($"Simulated time: {DateTimeOffset.FromUnixTimeMilliseconds(counts.FirstTimeMs):u} to {DateTimeOffset.FromUnixTimeMilliseconds(counts.LastTimeMs):u}; fraud share of card events {counts.CardFraudRate:P3}.");
            AnsiConsole.WriteLine($"Chargebacks: {counts.Of(EventType.Chargeback):N0}, reporting {counts.ReportedFraudShare:P1} of fraud card payments by the end of the trace; {counts.ChargebacksOf(FraudLabel.None):N0} dispute legitimate payments (label noise).");
        }
    }

    /// <summary>A table on a terminal; plain "figure | this trace | anchor | source" lines otherwise (the sources are too long for a wrapped table in a file).</summary>
    private static void Print(CalibrationAnalysis shape)
    {
        var title = $"Calibration: this trace beside published anchors ({shape.CardPayments:N0} card payments)";
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // The console's own writer: AnsiConsole.WriteLine would wrap the long lines at its width.
            var writer = AnsiConsole.Profile.Out.Writer;
            writer.WriteLine(title);
            writer.WriteLine("figure | this trace | anchor | source");
            foreach (var row in shape.Rows())
            {
                writer.WriteLine($"{row.Figure} | {row.ThisTrace} | {row.Anchor} | {row.Source}".TrimEnd());
            }

            return;
        }

        var table = new Table().Title(title).AddColumn("figure").AddColumn("this trace").AddColumn("anchor").AddColumn("source");
        foreach (var row in shape.Rows())
        {
            table.AddRow(Markup.Escape(row.Figure), Markup.Escape(row.ThisTrace), Markup.Escape(row.Anchor), Markup.Escape(row.Source));
        }

        AnsiConsole.Write(table);
    }

    private static void Print(LeakageAnalysis analysis)
    {
        var table = new Table().Title($"Leakage: each column alone against the fraud label ({analysis.CardPayments:N0} card payments, {analysis.FraudPayments:N0} fraud)")
            .AddColumn("column").AddColumn("score").AddColumn(new TableColumn("values").RightAligned()).AddColumn(new TableColumn("AUC").RightAligned()).AddColumn("");
        foreach (var c in analysis.Columns())
        {
            var flag = c.IsLabel ? "label (ground truth)" : c.Leaks ? $"[red]LEAK > {ColumnLeakage.LeakThreshold}[/]" : "";
            table.AddRow(c.Column, c.Numeric ? "value" : "fraud rate", c.DistinctValues.ToString("N0", CultureInfo.InvariantCulture), c.Auc.ToString("F3", CultureInfo.InvariantCulture), flag);
        }

        AnsiConsole.Write(table);
        var leaks = analysis.Columns().Count(c => c.Leaks);
        AnsiConsole.WriteLine(leaks == 0 ? $"Leakage: no column above AUC {ColumnLeakage.LeakThreshold}." : $"Leakage: {leaks} column(s) above AUC {ColumnLeakage.LeakThreshold}.");
    }
}
