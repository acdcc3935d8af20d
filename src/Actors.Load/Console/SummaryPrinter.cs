using System.Globalization;
using Actors.Load.Statistics;
using Spectre.Console;

namespace Actors.Load.Console;

/// <summary>The end-of-run summary on the console: one table per run plus threshold verdicts.</summary>
public static class SummaryPrinter
{
    public static void Print(IAnsiConsole console, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(result.RunId)}[/]");
        foreach (var column in new[] { "scenario", "step", "ok", "fail", "rps", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms" })
        {
            table.AddColumn(column);
        }

        foreach (var scenario in result.Scenarios)
        {
            foreach (var step in new[] { scenario.Global }.Concat(scenario.Steps))
            {
                var l = step.Ok.Latency;
                table.AddRow(Markup.Escape(scenario.Name), Markup.Escape(ReferenceEquals(step, scenario.Global) ? "global" : step.Name),
                    N(step.Ok.Count), N(step.Fail.Count), D(step.Rps), D(l.P50Ms), D(l.P95Ms), D(l.P99Ms), D(l.P999Ms), D(l.MaxMs));
            }
        }

        console.Write(table);
        foreach (var scenario in result.Scenarios.Where(s => s.Lag.IsLagging))
        {
            console.MarkupLine($"[yellow]{Markup.Escape(scenario.Name)}: {Markup.Escape(scenario.Lag.Summary)}[/]");
        }

        foreach (var threshold in result.Thresholds)
        {
            var color = threshold.Passed ? "green" : "red";
            console.MarkupLine($"[{color}]{Markup.Escape($"[{threshold.Scenario}] {threshold.Message}")}[/]");
        }

        if (result.ReportFolder is not null)
        {
            console.MarkupLine($"Reports: [link]{Markup.Escape(result.ReportFolder)}[/]");
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
