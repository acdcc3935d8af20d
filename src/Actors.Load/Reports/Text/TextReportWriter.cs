using System.Globalization;
using System.Text;
using Actors.Load.Statistics;

namespace Actors.Load.Reports.Text;

/// <summary>report.txt: a fixed-width summary readable in any terminal or CI log.</summary>
public sealed class TextReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Txt;

    public string FileName => "report.txt";

    public void Write(RunResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Render(result));

    public static string Render(RunResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"run: {result.RunId}  agents: {string.Join(", ", result.Agents)}  started: {result.StartedUtc:u}  duration: {result.DurationSeconds:0.##} s");
        foreach (var scenario in result.Scenarios)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"scenario: {scenario.Name}  duration: {scenario.DurationSeconds:0.##} s");
            foreach (var simulation in scenario.Simulations)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  load: {simulation}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  {scenario.Lag.Summary}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {"step",-24} {"ok",10} {"fail",8} {"rps",10} {"fail%",7} {"min",8} {"mean",8} {"p50",8} {"p75",8} {"p95",8} {"p99",8} {"p99.9",8} {"max",8} {"stddev",8}");
            foreach (var step in new[] { scenario.Global }.Concat(scenario.Steps))
            {
                var l = step.Ok.Latency;
                var name = ReferenceEquals(step, scenario.Global) ? "global" : step.Name;
                text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-24} {step.Ok.Count,10} {step.Fail.Count,8} {step.Rps,10:0.#} {step.FailPercent,7:0.###} {l.MinMs,8:0.###} {l.MeanMs,8:0.###} {l.P50Ms,8:0.###} {l.P75Ms,8:0.###} {l.P95Ms,8:0.###} {l.P99Ms,8:0.###} {l.P999Ms,8:0.###} {l.MaxMs,8:0.###} {l.StdDevMs,8:0.###}");
            }

            foreach (var code in scenario.Global.StatusCodes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  status {code.Name}: {code.Count}");
            }

            foreach (var kind in scenario.Global.ErrorKinds)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  error {kind.Name}: {kind.Count}");
            }
        }

        if (result.Thresholds.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(result.AllThresholdsPassed ? "thresholds: all passed" : "thresholds: BREACHED");
            foreach (var threshold in result.Thresholds)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  [{threshold.Scenario}] {threshold.Message}");
            }
        }

        text.AppendLine("(latencies in ms, successful requests; open-model latency runs from the intended start)");
        return text.ToString();
    }
}
