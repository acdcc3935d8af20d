using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;
using Actors.Load.Thresholds;

namespace Actors.Load.Tests;

/// <summary>Generator attribution: process samples per interval, and what a breach is said to coincide with.</summary>
public sealed class AttributionTests
{
    [Fact]
    public async Task A_run_samples_the_process_once_per_reporting_interval()
    {
        var scenario = Scenario.Create("sampled", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));

        var result = await Fakes.Quiet(scenario).RunAsync();

        var intervals = result.Scenario("sampled").Global.Intervals.Count;
        Assert.True(result.Process.Count >= intervals - 1 && result.Process.Count <= intervals, $"{result.Process.Count} process samples for {intervals} intervals: {string.Join(", ", result.Process.Select(p => $"{p.StartSeconds}+{p.DurationSeconds}"))}");
        Assert.All(result.Process, p => Assert.Equal("1/1", p.Agent));
        Assert.Equal(Enumerable.Range(0, result.Process.Count), result.Process.Select(p => p.Index));
        Assert.All(result.Process, p => Assert.True(p.CpuPercent >= 0 && p.GcPauseMs >= 0 && p.ThreadPoolThreads > 0));
        Assert.NotNull(result.Environment);
        Assert.Equal(Environment.ProcessorCount, result.Environment!.Cores);
    }

    [Fact]
    public void A_breach_in_intervals_with_long_gc_pauses_is_attributed_to_gc()
    {
        var scenario = ScenarioWith(p99s: [1, 1, 30, 1], waitP99s: [0.01, 0.01, 0.02, 0.01]);
        var process = Process(gcPauseMs: [0, 0, 40, 0]);

        var why = Attribution.Explain(scenario, ThresholdParser.ParseOne("p99<5ms"), process);

        Assert.NotNull(why);
        Assert.Contains("1 of 4 intervals broke it (10-15 s)", why, StringComparison.Ordinal);
        Assert.Contains("GC pauses", why, StringComparison.Ordinal);
        Assert.DoesNotContain("generator lag", why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_breach_in_intervals_where_requests_started_late_is_attributed_to_generator_lag()
    {
        var scenario = ScenarioWith(p99s: [1, 20, 1, 1], waitP99s: [0.01, 15, 0.01, 0.01]);

        var why = Attribution.Explain(scenario, ThresholdParser.ParseOne("p99<5ms"), Process(gcPauseMs: [0, 1, 0, 0]));

        Assert.Contains("generator lag (wait p99 up to 15 ms)", why, StringComparison.Ordinal);
        Assert.DoesNotContain("GC pauses", why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_breach_with_neither_pauses_nor_lag_points_at_the_system_under_test()
    {
        var scenario = ScenarioWith(p99s: [9, 9, 9, 9], waitP99s: [0.01, 0.01, 0.01, 0.01]);

        var why = Attribution.Explain(scenario, ThresholdParser.ParseOne("p99<5ms"), Process(gcPauseMs: [0, 0.5, 0, 0]));

        Assert.Contains("4 of 4 intervals", why, StringComparison.Ordinal);
        Assert.Contains("the system under test", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_output_prints_one_line_per_interval_and_the_summary_once_without_box_drawing()
    {
        var output = new StringWriter();
        var scenario = Scenario.Create("plain", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));

        await LoadRunner.RegisterScenarios(scenario).WithoutReports().WithReportingInterval(TimeSpan.FromMilliseconds(250))
            .WithOptions(o => o with { ConsoleMode = ConsoleMode.Plain, Output = output }).RunAsync();

        var text = output.ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(text, c => c is >= '\u2500' and <= '\u257F' || c == '\u001b');
        var progress = lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^plain \d\d:\d\d rps "));
        Assert.InRange(progress, 3, 5);
        Assert.Single(lines, l => l.StartsWith("run ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("service", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("paced by the precise pacer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_folder_that_is_a_file_is_refused_naming_it()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<LoadConfigurationException>(() => ReportFolderCheck.EnsureWritable(file));
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_run_whose_report_folder_is_a_file_fails_before_any_load()
    {
        var file = Path.GetTempFileName();
        var invoked = 0;
        try
        {
            var scenario = Scenario.Create("never", _ =>
                {
                    Interlocked.Increment(ref invoked);
                    return Task.FromResult(Response.Ok());
                })
                .WithInit(_ =>
                {
                    Interlocked.Increment(ref invoked);
                    return Task.CompletedTask;
                })
                .WithLoadSimulations(Simulation.IterationsForConstant(1, 5));

            var error = await Assert.ThrowsAsync<LoadConfigurationException>(() =>
                LoadRunner.RegisterScenarios(scenario).WithoutConsole().WithReportFolder(file).RunAsync());

            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.Equal(0, invoked);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static ScenarioResult ScenarioWith(double[] p99s, double[] waitP99s)
    {
        var intervals = p99s.Select((p99, i) => new IntervalResult
        {
            Index = i, StartSeconds = 5 * i, DurationSeconds = 5, OkCount = 100, FailCount = 0, Rps = 20,
            OkLatency = new LatencyResult { P50Ms = p99 / 2, P99Ms = p99, MaxMs = p99 },
            WaitLatency = new LatencyResult { P99Ms = waitP99s[i] },
        }).ToList();
        var global = new StepResult
        {
            Name = "s",
            Ok = new MeasureResult { Count = 400, Rps = 20, Bytes = 0, Latency = new LatencyResult { P99Ms = p99s.Max() } },
            Fail = new MeasureResult { Count = 0, Rps = 0, Bytes = 0, Latency = LatencyResult.Empty },
            Rps = 20, FailPercent = 0, StatusCodes = [], ErrorKinds = [], Intervals = intervals,
        };
        return new ScenarioResult
        {
            Name = "s", DurationSeconds = 20, Simulations = [], Global = global, Steps = [], Load = [],
            Lag = new LagResult { IntendedStarts = 400, LateStarts = 0, LateThresholdMs = 10, MaxLatenessMs = 0 },
        };
    }

    private static List<ProcessIntervalResult> Process(double[] gcPauseMs) =>
        [.. gcPauseMs.Select((pause, i) => new ProcessIntervalResult
        {
            Agent = "1/1", Index = i, StartSeconds = 5 * i, DurationSeconds = 5, GcPauseMs = pause, Gen0Collections = pause > 0 ? 1 : 0,
            Gen1Collections = 0, Gen2Collections = 0, AllocatedBytes = 0, ThreadPoolQueueLength = 0, ThreadPoolThreads = 4, CpuPercent = 10,
        })];
}
