using System.Globalization;
using System.Text;
using Actors.Load.Statistics;
using Spectre.Console;

namespace Actors.Load.Console;

/// <summary>
/// The end-of-run summary: per scenario and step, response, service and wait time; lag, pacer and GC lines; threshold
/// verdicts, what they coincide with, and where the reports are. As a table on a terminal, as plain lines elsewhere.
/// </summary>
public static class SummaryPrinter
{
    private static readonly string[] Columns = ["scenario", "step", "time", "ok", "fail", "rps", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms"];

    public static void Print(IAnsiConsole console, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(result.RunId)}[/]");
        foreach (var column in Columns)
        {
            table.AddColumn(column);
        }

        foreach (var row in Rows(result))
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        console.Write(table);
        foreach (var (line, good) in Notes(result))
        {
            console.MarkupLine($"[{(good ? "green" : "yellow")}]{Markup.Escape(line)}[/]");
        }

        if (result.ReportFolder is not null)
        {
            console.MarkupLine($"Reports: [link]{Markup.Escape(result.ReportFolder)}[/]");
        }
    }

    /// <summary>The same summary as plain, fixed-width lines with no box-drawing or escape characters.</summary>
    public static void PrintPlain(TextWriter output, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        output.Write(RenderPlain(result));
        output.Flush();
    }

    public static string RenderPlain(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<IReadOnlyList<string>> { Columns };
        rows.AddRange(Rows(result));
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"run {result.RunId}: {result.DurationSeconds:0.##} s");
        foreach (var row in rows)
        {
            // Names left-aligned, figures right-aligned; every value on one line, never wrapped.
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c < 3 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        foreach (var (line, _) in Notes(result))
        {
            text.AppendLine(line);
        }

        if (result.ReportFolder is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Reports: {result.ReportFolder}");
        }

        return text.ToString();
    }

    private static IEnumerable<IReadOnlyList<string>> Rows(RunResult result)
    {
        foreach (var scenario in result.Scenarios)
        {
            foreach (var step in new[] { scenario.Global }.Concat(scenario.Steps))
            {
                var name = ReferenceEquals(step, scenario.Global) ? "global" : step.Name;
                var r = step.Ok.Latency;
                yield return [scenario.Name, name, "response", N(step.Ok.Count), N(step.Fail.Count), D(step.Rps), D(r.P50Ms), D(r.P95Ms), D(r.P99Ms), D(r.P999Ms), D(r.MaxMs)];
                foreach (var (label, l) in new[] { ("service", step.Service), ("wait", step.Wait) })
                {
                    yield return ["", "", label, "", "", "", D(l.P50Ms), D(l.P95Ms), D(l.P99Ms), D(l.P999Ms), D(l.MaxMs)];
                }
            }
        }
    }

    // Lines under the table: lag, pacer cost, the generator's GC, thresholds and what their breaches coincide with.
    private static IEnumerable<(string Line, bool Good)> Notes(RunResult result)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var scenario in result.Scenarios)
        {
            if (scenario.Lag.IntendedStarts > 0)
            {
                yield return ($"{scenario.Name}: {scenario.Lag.Summary}", !scenario.Lag.IsLagging);
            }

            if (scenario.Pacer is { } pacer)
            {
                var cpu = scenario.PacerCpuSeconds is { } s
                    ? string.Create(c, $", its thread used {s:0.##} s of CPU ({scenario.PacerCpuPercentOfCore:0.#} % of a core; it also dispatches each request)")
                    : "";
                yield return ($"{scenario.Name}: paced by the {pacer} pacer{cpu}", true);
            }
        }

        if (result.Process.Count > 0)
        {
            var pause = result.Process.Sum(p => p.GcPauseMs);
            var worst = result.Process.MaxBy(p => p.GcPauseMs)!;
            yield return (string.Create(c,
                $"generator process: GC paused {pause:0.#} ms in all ({result.Process.Sum(p => p.Gen0Collections)} gen0, {result.Process.Sum(p => p.Gen1Collections)} gen1, {result.Process.Sum(p => p.Gen2Collections)} gen2; most in one interval {worst.GcPauseMs:0.#} ms at {worst.StartSeconds:0.#} s), CPU up to {result.Process.Max(p => p.CpuPercent):0} %"),
                true);
        }

        foreach (var threshold in result.Thresholds)
        {
            yield return ($"[{threshold.Scenario}] {threshold.Message}", threshold.Passed);
        }

        foreach (var why in result.Attribution)
        {
            yield return (why, false);
        }
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
