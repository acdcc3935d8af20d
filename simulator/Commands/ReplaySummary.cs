using System.Globalization;
using Actors.Simulation.Replay;
using Actors.Simulation.Traffic;
using Spectre.Console;

namespace Actors.Simulator.Commands;

/// <summary>The tables printed after a replay: outcomes per event type, reasons, errors, card decisions per fraud label.</summary>
internal static class ReplaySummary
{
    public static void Print(ReplayResult result)
    {
        var outcomes = new Table().Title("Outcomes").AddColumn("event type");
        foreach (var outcome in Enum.GetValues<ReplayOutcome>())
        {
            outcomes.AddColumn(new TableColumn(outcome.ToString().ToLowerInvariant()).RightAligned());
        }

        foreach (var type in TraceNames.AllEventTypes)
        {
            outcomes.AddRow([TraceNames.Of(type), .. Enum.GetValues<ReplayOutcome>().Select(o => N(result.Count(type, o)))]);
        }

        outcomes.AddRow(["[bold]total[/]", .. Enum.GetValues<ReplayOutcome>().Select(o => N(result.Count(o)))]);
        AnsiConsole.Write(outcomes);

        if (result.DeclineReasons.Count > 0)
        {
            var reasons = new Table().Title("Decline reasons").AddColumn("reason").AddColumn(new TableColumn("events").RightAligned());
            foreach (var (reason, count) in result.DeclineReasons)
            {
                reasons.AddRow(reason, N(count));
            }

            AnsiConsole.Write(reasons);
        }

        var labels = new Table().Title("Card authorizations per fraud label").AddColumn("label").AddColumn(new TableColumn("approved").RightAligned())
            .AddColumn(new TableColumn("declined").RightAligned()).AddColumn(new TableColumn("failed").RightAligned());
        foreach (var label in TraceNames.AllFraudLabels)
        {
            labels.AddRow(TraceNames.Of(label), N(result.Cards(label, ReplayOutcome.Applied)), N(result.Cards(label, ReplayOutcome.Declined)), N(result.Cards(label, ReplayOutcome.Failed)));
        }

        AnsiConsole.Write(labels);
        if (result.Failed > 0)
        {
            AnsiConsole.MarkupLine("[red]Failures:[/]");
            foreach (var (kind, count) in result.Failures)
            {
                AnsiConsole.MarkupLineInterpolated($"  {kind}: {count:N0}");
            }

            foreach (var example in result.FailureExamples)
            {
                AnsiConsole.MarkupLineInterpolated($"  e.g. {example}");
            }
        }

        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-6);
        AnsiConsole.MarkupLineInterpolated($"{result.Total:N0} events in {result.Elapsed.TotalSeconds:F1} s ({result.Total / seconds:N0} events/s): {result.Applied:N0} applied, {result.Declined:N0} declined, {result.Failed:N0} failed, {result.Skipped:N0} skipped.");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
