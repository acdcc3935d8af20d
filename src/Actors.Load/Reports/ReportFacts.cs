using System.Globalization;
using Actors.Load.Statistics;

namespace Actors.Load.Reports;

/// <summary>One row of a step's statistics: the response, service or wait time (or the failed requests' response time).</summary>
/// <param name="Key">Machine name of the measure (CSV): response, response_fail, service, wait.</param>
/// <param name="Label">What the text reports call it, saying which requests it covers.</param>
/// <param name="FailPercent">The step's fail percentage, on the response rows only (service and wait have no failures of their own).</param>
internal sealed record MeasureRow(string Key, string Label, long Count, double Rps, double? FailPercent, LatencyResult Latency);

/// <summary>
/// The facts every text-like report states the same way (rows per step and measure, percentages, pacer line,
/// environment), so that html, md, txt and csv cannot drift apart in what they say; each writer only lays them out.
/// </summary>
internal static class ReportFacts
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The whole invocation ("global") first, then every named step.</summary>
    public static IReadOnlyList<(string Name, StepResult Step)> Steps(ScenarioResult scenario) =>
        [("global", scenario.Global), .. scenario.Steps.Select(s => (s.Name, s))];

    /// <summary>Response (ok; fail when any failed), service (ok) and wait (all requests), over the scenario's duration.</summary>
    public static IReadOnlyList<MeasureRow> Measures(StepResult step, double seconds)
    {
        var span = Math.Max(seconds, 1e-9);
        var rows = new List<MeasureRow>
        {
            new("response", "response (ok)", step.Ok.Count, step.Ok.Rps, step.FailPercent, step.Ok.Latency),
        };
        if (step.Fail.Count > 0)
        {
            rows.Add(new("response_fail", "response (fail)", step.Fail.Count, step.Fail.Rps, step.FailPercent, step.Fail.Latency));
        }

        rows.Add(new("service", "service (ok)", step.Service.Count, step.Service.Count / span, null, step.Service));
        rows.Add(new("wait", "wait (all)", step.Wait.Count, step.Wait.Count / span, null, step.Wait));
        return rows;
    }

    public static long Requests(StepResult step) => step.Ok.Count + step.Fail.Count;

    /// <summary>A status code's or error kind's count as a percentage of all the step's requests (ok and fail).</summary>
    public static double PercentOfRequests(long count, StepResult step) =>
        Requests(step) == 0 ? 0 : 100.0 * count / Requests(step);

    /// <summary>Megabytes (10^6 bytes) of ok and failed responses per second over the scenario's duration.</summary>
    public static double MegabytesPerSecond(StepResult step, double seconds) =>
        (step.Ok.Bytes + step.Fail.Bytes) / 1e6 / Math.Max(seconds, 1e-9);

    /// <summary>"pacer: precise, 3.2 % of one core (0.19 s CPU)", or null for a closed-model scenario.</summary>
    public static string? PacerLine(ScenarioResult scenario)
    {
        if (scenario.Pacer is null)
        {
            return null;
        }

        var kind = scenario.Pacer switch
        {
            "precise" => "precise (dedicated thread, high-resolution sleep and spin)",
            "timer" => "timer (time provider delays)",
            var other => other,
        };
        return scenario.PacerCpuPercentOfCore is { } percent
            ? string.Create(C, $"pacer: {kind}, {percent:0.##} % of one core ({scenario.PacerCpuSeconds ?? 0:0.###} s CPU)")
            : $"pacer: {kind}, CPU time not measured";
    }

    /// <summary>The environment as label/value pairs, in the order NBomber's header shows them.</summary>
    public static IReadOnlyList<(string Key, string Value)> Environment(RunEnvironment environment)
    {
        List<(string, string)> pairs =
        [
            ("machine", environment.Machine),
            ("cores", environment.Cores.ToString(C)),
            ("os", environment.Os),
            (".net", environment.Runtime),
            ("build", environment.Build),
            ("configuration", environment.Configuration),
            ("server gc", environment.ServerGc ? "yes" : "no"),
            ("command line", environment.CommandLine),
        ];
        if (environment.GitCommit is { } commit)
        {
            pairs.Add(("git commit", commit));
        }

        return pairs;
    }

    public const string NoEnvironment = "not recorded (a run of an older version)";

    /// <summary>
    /// True for an interval shorter than half the reporting interval: in practice the run's last one, cut short when
    /// the load ended (often a few ms). Its counts and amounts cover a sliver of time, so charted per interval it looks
    /// like a drop to zero, and its percentiles rest on a handful of samples; charts leave it out, tables keep it.
    /// </summary>
    public static bool IsFragment(double durationSeconds, double reportingIntervalSeconds) =>
        reportingIntervalSeconds > 0 && durationSeconds < 0.5 * reportingIntervalSeconds;

    public static string N(long value) => value.ToString(C);

    public static string D(double value) => value.ToString("0.###", C);
}
