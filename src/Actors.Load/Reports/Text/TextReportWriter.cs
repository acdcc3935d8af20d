using System.Globalization;
using System.Text;
using Actors.Load.Statistics;
using static Actors.Load.Reports.ReportFacts;

namespace Actors.Load.Reports.Text;

/// <summary>
/// report.txt: a fixed-width summary readable in any terminal or CI log: environment, per step the response, service
/// and wait rows, bytes, status codes and errors with their share, the pacer, thresholds with attribution, and the
/// generator's process per interval.
/// </summary>
public sealed class TextReportWriter : IReportWriter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public ReportFormat Format => ReportFormat.Txt;

    public string FileName => "report.txt";

    public void Write(RunResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(result));

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine(C, $"run: {result.RunId}  agents: {string.Join(", ", result.Agents)}  started: {result.StartedUtc:u}  duration: {result.DurationSeconds:0.##} s  interval: {result.ReportingIntervalSeconds:0.##} s");
        if (result.Environment is { } environment)
        {
            foreach (var (key, value) in ReportFacts.Environment(environment))
            {
                text.AppendLine(C, $"  {key + ":",-15} {value}");
            }
        }
        else
        {
            text.AppendLine(C, $"  environment: {NoEnvironment}");
        }

        foreach (var scenario in result.Scenarios)
        {
            Scenario(text, scenario);
        }

        if (result.Thresholds.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(result.AllThresholdsPassed ? "thresholds: all passed" : "thresholds: BREACHED");
            foreach (var threshold in result.Thresholds)
            {
                text.AppendLine(C, $"  [{threshold.Scenario}] {threshold.Message}");
            }
        }

        foreach (var sentence in result.Attribution)
        {
            text.AppendLine(C, $"  why: {sentence}");
        }

        foreach (var scenario in result.Scenarios)
        {
            if (PacerLine(scenario) is { } pacer)
            {
                text.AppendLine(C, $"  [{scenario.Name}] {pacer}");
            }
        }

        Process(text, result);
        text.AppendLine("(times in ms; response: intended start to end, service: actual start to end, both of successful requests; wait: intended to actual start, all requests)");
        return text.ToString();
    }

    private static void Scenario(StringBuilder text, ScenarioResult scenario)
    {
        text.AppendLine();
        text.AppendLine(C, $"scenario: {scenario.Name}  duration: {scenario.DurationSeconds:0.##} s");
        foreach (var simulation in scenario.Simulations)
        {
            text.AppendLine(C, $"  load: {simulation}");
        }

        text.AppendLine(C, $"  {scenario.Lag.Summary}");
        if (PacerLine(scenario) is { } pacer)
        {
            text.AppendLine(C, $"  {pacer}");
        }

        text.AppendLine(C, $"  {"step",-24} {"measure",-15} {"count",10} {"rps",10} {"fail%",7} {"min",8} {"mean",8} {"p50",8} {"p75",8} {"p95",8} {"p99",8} {"p99.9",8} {"max",8} {"stddev",8}");
        foreach (var (name, step) in Steps(scenario))
        {
            foreach (var m in Measures(step, scenario.DurationSeconds))
            {
                var l = m.Latency;
                var fail = m.FailPercent is { } f ? D(f) : "-";
                text.AppendLine(C, $"  {name,-24} {m.Label,-15} {m.Count,10} {m.Rps,10:0.#} {fail,7} {l.MinMs,8:0.###} {l.MeanMs,8:0.###} {l.P50Ms,8:0.###} {l.P75Ms,8:0.###} {l.P95Ms,8:0.###} {l.P99Ms,8:0.###} {l.P999Ms,8:0.###} {l.MaxMs,8:0.###} {l.StdDevMs,8:0.###}");
            }
        }

        foreach (var (name, step) in Steps(scenario))
        {
            text.AppendLine(C, $"  bytes {name}: ok {step.Ok.Bytes}, fail {step.Fail.Bytes}, {D(MegabytesPerSecond(step, scenario.DurationSeconds))} MB/s");
            var prefix = name == "global" ? "" : $"[{name}] ";
            foreach (var code in step.StatusCodes)
            {
                text.AppendLine(C, $"  {prefix}status {code.Name}: {code.Count} ({D(PercentOfRequests(code.Count, step))} %)");
            }

            foreach (var kind in step.ErrorKinds)
            {
                text.AppendLine(C, $"  {prefix}error {kind.Name}: {kind.Count} ({D(PercentOfRequests(kind.Count, step))} %)");
            }
        }
    }

    private static void Process(StringBuilder text, RunResult result)
    {
        if (result.Process.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("generator process:");
        text.AppendLine(C, $"  {"agent",-8} {"interval",8} {"start s",9} {"dur s",7} {"gc ms",8} {"gen0",5} {"gen1",5} {"gen2",5} {"alloc MB",9} {"tp queue",9} {"tp thr",7} {"cpu %",7}");
        foreach (var p in result.Process)
        {
            text.AppendLine(C, $"  {p.Agent,-8} {p.Index,8} {p.StartSeconds,9:0.###} {p.DurationSeconds,7:0.###} {p.GcPauseMs,8:0.###} {p.Gen0Collections,5} {p.Gen1Collections,5} {p.Gen2Collections,5} {p.AllocatedBytes / 1e6,9:0.###} {p.ThreadPoolQueueLength,9} {p.ThreadPoolThreads,7} {p.CpuPercent,7:0.##}");
        }
    }
}
