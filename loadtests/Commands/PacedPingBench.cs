using System.Globalization;
using System.Text;
using Actors.Load.Engine;
using Actors.Load.Simulations;
using Actors.Load.Statistics;
using Actors.LoadTests.Scenarios;

namespace Actors.LoadTests.Commands;

/// <summary>
/// The open model's precision, measured in <c>bench</c>: a no-op <c>ping</c> injected at fixed rates, with the wait
/// time (the generator's own lag), response and service time, and the CPU the pacer's thread used. The call itself
/// costs a few microseconds, so what shows above that is the generator.
/// </summary>
public static class PacedPingBench
{
    /// <summary>The rates the targets are stated for: 2,000/s (0.5 ms apart) and 20,000/s (50 µs apart).</summary>
    public static readonly IReadOnlyList<int> DefaultRates = [2_000, 20_000];

    public sealed record Run(int Rate, double AchievedRps, LatencyResult Response, LatencyResult Service, LatencyResult Wait,
        double? PacerCpuPercent, double GcPauseMs, long LateStarts);

    public static async Task<IReadOnlyList<Run>> MeasureAsync(IGrainFactory grains, IEnumerable<int> rates, TimeSpan during,
        TimeSpan warmUp, CancellationToken cancellationToken)
    {
        var runs = new List<Run>();
        foreach (var rate in rates)
        {
            var ping = OrleansScenarios.CreatePing(grains)
                .WithLoadSimulations(LoadShapes.Inject(rate / 10, TimeSpan.FromMilliseconds(100), during))
                .WithWarmUpDuration(warmUp);
            var result = await LoadRunner.RegisterScenarios(ping).WithoutConsole().WithoutReports().RunAsync(cancellationToken);
            var s = result.Scenarios[0];
            runs.Add(new Run(rate, s.Rps, s.Global.Ok.Latency, s.Global.Service, s.Global.Wait, s.PacerCpuPercentOfCore,
                result.Process.Sum(p => p.GcPauseMs), s.Lag.LateStarts));
        }

        return runs;
    }

    public static string Line(Run run) => string.Create(CultureInfo.InvariantCulture,
        $"  {run.Rate:N0}/s: wait p50 {Us(run.Wait.P50Ms)} p99 {Us(run.Wait.P99Ms)}, response p50 {Us(run.Response.P50Ms)} p99 {Us(run.Response.P99Ms)}, service p50 {Us(run.Service.P50Ms)}; pacer {Cpu(run)}; GC paused {run.GcPauseMs:0.#} ms");

    /// <summary>Markdown rows for the bench report, with the targets of the engine-precision issue.</summary>
    public static string Rows(IReadOnlyList<Run> runs, TimeSpan during)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        foreach (var run in runs)
        {
            var label = string.Create(c, $"ping, open model at {run.Rate:N0}/s ({during.TotalSeconds:0} s, {run.AchievedRps:N0}/s achieved)");
            text.AppendLine(c, $"| {label}: wait time p50 / p99 | {Us(run.Wait.P50Ms)} / {Us(run.Wait.P99Ms)} | at most 50 µs / 1 ms |");
            text.AppendLine(c, $"| {label}: response time p50 / p99 | {Us(run.Response.P50Ms)} / {Us(run.Response.P99Ms)} | p50 at most 0.2 ms |");
            text.AppendLine(c, $"| {label}: service time p50 / p99 | {Us(run.Service.P50Ms)} / {Us(run.Service.P99Ms)} | |");
            text.AppendLine(c, $"| {label}: pacer thread CPU, GC pauses | {Cpu(run)}, {run.GcPauseMs:0.#} ms | |");
        }

        return text.ToString();
    }

    private static string Cpu(Run run) => run.PacerCpuPercent is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{p:0.#} % of a core")
        : "CPU not measurable here";

    private static string Us(double ms) => ms < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{ms * 1000:0} µs")
        : string.Create(CultureInfo.InvariantCulture, $"{ms:0.##} ms");
}
