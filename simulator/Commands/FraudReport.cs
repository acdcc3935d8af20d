using System.Globalization;
using Actors.Simulation.Fraud;
using Spectre.Console;

namespace Actors.Simulator.Commands;

/// <summary>Prints the fraud scoreboard with its bootstrap intervals and writes it as fraud-report.md and fraud-report.csv.</summary>
internal static class FraudReport
{
    public static string Write(FraudScoreboard scoreboard, string reportDir, string title, BootstrapOptions bootstrap)
    {
        var scores = new Table().Title("Fraud detection against the trace's labels").AddColumn("pattern")
            .AddColumn(new TableColumn("fraud payments").RightAligned()).AddColumn(new TableColumn("detected").RightAligned())
            .AddColumn(new TableColumn("false positives").RightAligned()).AddColumn(new TableColumn("precision").RightAligned())
            .AddColumn(new TableColumn("recall").RightAligned()).AddColumn(new TableColumn("F1").RightAligned());
        foreach (var s in scoreboard.Scores())
        {
            scores.AddRow(s.Pattern, N(s.Events), N(s.Detected), N(s.FalsePositives), F(s.Precision), F(s.Recall), F(s.F1));
        }

        AnsiConsole.Write(scores);
        var intervals = scoreboard.Intervals(bootstrap);
        var level = DetectionIntervals.Level(bootstrap);
        var ci = new Table().Title(Markup.Escape(DetectionIntervals.Caption(bootstrap))).AddColumn("pattern")
            .AddColumn(new TableColumn("episodes").RightAligned()).AddColumn(new TableColumn($"precision {level}").RightAligned())
            .AddColumn(new TableColumn($"recall {level}").RightAligned()).AddColumn(new TableColumn($"F1 {level}").RightAligned());
        foreach (var i in intervals)
        {
            ci.AddRow(i.Pattern, N(i.Episodes), Markup.Escape(DetectionIntervals.Format(i.Precision, i)), Markup.Escape(DetectionIntervals.Format(i.Recall, i)), Markup.Escape(DetectionIntervals.Format(i.F1, i)));
        }

        AnsiConsole.Write(ci);
        var matrix = new Table().Title("Confusion matrix (rows: true label; columns: what the bank did)").AddColumn("label");
        foreach (var decision in CardDecisions.All)
        {
            matrix.AddColumn(new TableColumn(CardDecisions.Name(decision)).RightAligned());
        }

        foreach (var label in Simulation.Traffic.TraceNames.AllFraudLabels)
        {
            matrix.AddRow([Simulation.Traffic.TraceNames.Of(label), .. CardDecisions.All.Select(d => N(scoreboard.Count(label, d)))]);
        }

        AnsiConsole.Write(matrix);
        var folder = Path.Combine(reportDir, $"{DateTime.UtcNow:yyyyMMdd_HHmmss}_fraud");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "fraud-report.md"), scoreboard.ToMarkdown(title, intervals, bootstrap));
        File.WriteAllText(Path.Combine(folder, "fraud-report.csv"), scoreboard.ToCsv(intervals));
        AnsiConsole.MarkupLineInterpolated($"Fraud report: {Path.Combine(folder, "fraud-report.md")} and fraud-report.csv");
        return folder;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
