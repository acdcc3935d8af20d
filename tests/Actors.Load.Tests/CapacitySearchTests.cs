using Actors.Load.Capacity;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;

namespace Actors.Load.Tests;

public sealed class CapacitySearchTests
{
    // A fake target whose p99 (in ms) is a tenth of the offered rate, with every request served.
    private static Task<ScenarioResult> Probe(int rate, CancellationToken _)
    {
        var micros = Enumerable.Repeat((long)rate * 100, 100);
        var raw = RawRuns.Single("card_authorization", micros, failures: 0, thresholds: []);
        var scaled = ResultBuilder.Build(raw).Scenarios[0];
        return Task.FromResult(scaled with { Global = scaled.Global with { Rps = rate } });
    }

    [Fact]
    public async Task Raises_the_rate_by_the_factor_until_the_slo_breaks_and_reports_the_highest_passing_rate()
    {
        var options = new CapacitySearchOptions { StartRate = 100, Factor = 2, Slo = "p99<50ms", RefineSteps = 0, RetryBrokenStep = false, ConfirmSteps = 0 };

        var result = await new CapacitySearch(options, Probe, "card_authorization").RunAsync();

        Assert.Equal([100, 200, 400, 800], result.Steps.Select(s => s.TargetRate));
        Assert.Equal(400, result.HighestPassingRate);
        Assert.False(result.Steps[^1].Passed);
        Assert.Contains("p99<50ms", result.StopReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_slo_breaks_the_search_bisects_between_the_last_pass_and_the_first_failure()
    {
        // The fake breaks p99<50ms from 500/s on (its p99 is rate/10 ms).
        var options = new CapacitySearchOptions { StartRate = 100, Factor = 2, Slo = "p99<50ms", RefineSteps = 3, RetryBrokenStep = false, ConfirmSteps = 0 };

        var result = await new CapacitySearch(options, Probe, "card_authorization").RunAsync();

        Assert.Equal([100, 200, 400, 800, 600, 500, 450], result.Steps.Select(s => s.TargetRate));
        Assert.Equal([false, false, false, false, true, true, true], result.Steps.Select(s => s.Refinement));
        Assert.Equal(450, result.HighestPassingRate);
        Assert.Contains("SLO broke at 500/s", result.StopReason, StringComparison.Ordinal); // the lowest failing rate
        Assert.Contains(CapacityReportWriter.RenderMarkdown(result).Split('\n'),
            line => line.StartsWith("| 450 |", StringComparison.Ordinal) && line.Contains("| passed (refinement) |", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refinement_stops_when_no_rate_lies_between_the_last_pass_and_the_first_failure()
    {
        var options = new CapacitySearchOptions { StartRate = 499, Factor = 0, Step = 1, Slo = "p99<50ms", RefineSteps = 5, RetryBrokenStep = false, ConfirmSteps = 0 };

        var result = await new CapacitySearch(options, Probe, "card_authorization").RunAsync();

        Assert.Equal([499, 500], result.Steps.Select(s => s.TargetRate));
        Assert.Equal(499, result.HighestPassingRate);
    }

    [Fact]
    public async Task Each_step_records_the_cores_used_while_it_ran()
    {
        // Each probe holds its rate for 10 s of (fake) time; the measured processes use rate/100 core-seconds in it.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        double cpu = 0;
        var options = new CapacitySearchOptions
        {
            StartRate = 100, Factor = 2, Slo = "p99<50ms", RefineSteps = 0, RetryBrokenStep = false, ConfirmSteps = 0,
            TimeProvider = time, CpuSeconds = () => cpu,
        };

        var result = await new CapacitySearch(options, (rate, ct) =>
        {
            time.Advance(TimeSpan.FromSeconds(10));
            cpu += rate / 100.0;
            return Probe(rate, ct);
        }, "card_authorization").RunAsync();

        Assert.Equal([0.1, 0.2, 0.4, 0.8], result.Steps.Select(s => Math.Round(s.CpuCores!.Value, 6)));
    }

    [Fact]
    public async Task Without_a_cpu_clock_no_cores_are_reported()
    {
        var options = new CapacitySearchOptions { StartRate = 100, Factor = 2, Slo = "p99<50ms", RefineSteps = 0, RetryBrokenStep = false };

        var result = await new CapacitySearch(options, Probe, "card_authorization").RunAsync();

        Assert.All(result.Steps, s => Assert.Null(s.CpuCores));
    }

    [Fact]
    public void Refine_steps_out_of_range_are_refused_naming_the_option()
    {
        var error = Assert.Throws<LoadConfigurationException>(() => new CapacitySearch(new CapacitySearchOptions { RefineSteps = 11 }, Probe, "x"));

        Assert.Contains("RefineSteps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Additive_steps_and_max_rate_stop_the_search()
    {
        var options = new CapacitySearchOptions { StartRate = 100, Factor = 0, Step = 50, MaxRate = 250, Slo = "p99<1s" };

        var result = await new CapacitySearch(options, Probe, "card_authorization").RunAsync();

        Assert.Equal([100, 150, 200, 250], result.Steps.Select(s => s.TargetRate));
        Assert.Equal(250, result.HighestPassingRate);
        Assert.Contains("MaxRate", result.StopReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1.5, 0, "StartRate")]
    [InlineData(100, 1.0, 0, "Factor")]
    [InlineData(100, 0, 0, "Step")]
    public void Bad_options_are_refused_naming_the_option(int start, double factor, int step, string option)
    {
        var options = new CapacitySearchOptions { StartRate = start, Factor = factor, Step = step };

        var error = Assert.Throws<LoadConfigurationException>(() => new CapacitySearch(options, Probe, "x"));

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_step_reports_its_error_kinds_in_the_result_and_the_reports()
    {
        var options = new CapacitySearchOptions { StartRate = 100, Factor = 2, Slo = "fail<1%", MinAchievedRatio = 0.001, RetryBrokenStep = false };
        Task<ScenarioResult> FailingAt200(int rate, CancellationToken _)
        {
            var raw = RawRuns.Single("card_authorization", Enumerable.Repeat(1000L, 90), failures: rate >= 200 ? 10 : 0, thresholds: []);
            return Task.FromResult(ResultBuilder.Build(raw).Scenarios[0]);
        }

        var result = await new CapacitySearch(options, FailingAt200, "card_authorization").RunAsync();
        var markdown = CapacityReportWriter.RenderMarkdown(result);

        Assert.Empty(result.Steps[0].Errors);
        Assert.Equal(["timeout: 10"], result.Steps[1].Errors);
        Assert.Contains("| timeout: 10 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_warm_up_is_refused_naming_the_option()
    {
        var options = new CapacitySearchOptions { WarmUp = TimeSpan.FromSeconds(-1) };

        var error = Assert.Throws<LoadConfigurationException>(() => new CapacitySearch(options, Probe, "x"));

        Assert.Contains("WarmUp", error.Message, StringComparison.Ordinal);
    }

    // Steps and warm-ups of 0.5 s starting at 20/s, doubling; an SLO on failures only, so machine speed cannot move them.
    private static readonly CapacitySearchOptions CountedSteps = new()
    {
        StartRate = 20, Factor = 2, StepDuration = TimeSpan.FromMilliseconds(500), WarmUp = TimeSpan.FromMilliseconds(500),
        ReportingInterval = TimeSpan.FromMilliseconds(100), Slo = "fail<1%", MinAchievedRatio = 0.001,
        RetryBrokenStep = false, MinSamplesPerStep = 0, ConfirmSteps = 0,
    };

    private static ScenarioProps Counting(string name, Action count, bool ok) => Scenario.Create(name, async _ =>
    {
        count();
        await Task.Yield();
        return ok ? Response.Ok() : Response.Fail("overloaded");
    });

    [Fact]
    public async Task The_first_step_is_warmed_up_and_its_warm_up_load_is_not_counted()
    {
        var calls = 0;
        var search = new CapacitySearch(CountedSteps with { MaxRate = 40 }, _ => Counting("warmed_probe", () => Interlocked.Increment(ref calls), ok: true));

        var result = await search.RunAsync();

        // The steps inject 10 and 20 calls (20/s and 40/s for 0.5 s); before the first, once, the warm-up's 10 more.
        Assert.Equal([20, 40], result.Steps.Select(s => s.TargetRate));
        Assert.Equal(10 + 10 + 20, calls);
    }

    [Fact]
    public async Task Each_refinement_step_is_warmed_up_at_its_own_rate()
    {
        var calls = 0;
        var search = new CapacitySearch(CountedSteps with { RefineSteps = 1 },
            rate => Counting("breaks_at_60", () => Interlocked.Increment(ref calls), ok: rate < 60));

        var result = await search.RunAsync();

        // Steps of 0.5 s: 20/s and 40/s pass, 80/s fails, then 60/s refines (and fails). Warm-ups: 10 calls before the
        // first step, 30 before the refinement (60/s for 0.5 s); the growing steps after the first get none.
        Assert.Equal([20, 40, 80, 60], result.Steps.Select(s => s.TargetRate));
        Assert.Equal(10 + 10 + 20 + 40 + 30 + 30, calls);
    }

    [Fact]
    public async Task Real_engine_search_against_a_fast_step_passes_every_step_up_to_max_rate_and_writes_a_chart()
    {
        var options = new CapacitySearchOptions
        {
            StartRate = 50, Factor = 2, MaxRate = 200, StepDuration = TimeSpan.FromMilliseconds(400),
            // The search's mechanics through the real engine, not this machine's speed: the SLO only counts failures and
            // any achieved rate passes, so a loaded machine that starts the instant step late cannot break a step.
            ReportingInterval = TimeSpan.FromMilliseconds(200), Slo = "fail<1%", MinAchievedRatio = 0.001, MinSamplesPerStep = 0,
        };
        var search = new CapacitySearch(options, rate => Scenario.Create("capacity_probe", Fakes.Instant));

        var result = await search.RunAsync();
        var folder = CapacityReportWriter.Write(result, Path.Combine(Path.GetTempPath(), "actors_capacity_" + Guid.NewGuid().ToString("N")));

        Assert.True(result.Steps.Count == 3, result.StopReason);
        Assert.Equal([50, 100, 200], result.Steps.Select(s => s.TargetRate));
        Assert.Equal(200, result.HighestPassingRate);
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "capacity.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "capacity.json")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_fake_target_of_known_capacity_is_found_within_the_last_refinement_gap()
    {
        // The fake serves p99 = rate / 10 ms, so p99<50ms holds below 500/s: its capacity is 499/s.
        var options = new CapacitySearchOptions { StartRate = 100, Factor = 2, Slo = "p99<50ms", RefineSteps = 3 };

        var result = await new CapacitySearch(options, Probe, "card_authorization").RunAsync();

        // Growing 100, 200, 400, 800 leaves a gap of 400; three halvings leave 50: the answer is within 50 of 499.
        Assert.InRange(result.HighestPassingRate!.Value, 449, 499);
        Assert.All(result.Steps.Where(s => s.Retried), s => Assert.False(s.Passed));
        Assert.Contains("SLO broke at 500/s", result.StopReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_stall_is_retried_and_flagged_not_taken_as_the_answer()
    {
        // The target passes everything up to 1,600/s; its first step at 400/s coincides with an 80 ms GC pause of the
        // generator and measures a p99 of 70 ms. Without the retry the search would answer 200/s.
        var stalledOnce = false;
        Task<CapacityProbe> Probe(int rate, CancellationToken _)
        {
            var stall = rate == 400 && !stalledOnce;
            stalledOnce |= stall;
            var micros = Enumerable.Repeat(stall ? 70_000L : 2_000L, 100);
            var scenario = ResultBuilder.Build(RawRuns.Single("card_authorization", micros, failures: 0, thresholds: [])).Scenarios[0];
            scenario = scenario with { Global = scenario.Global with { Rps = rate } };
            IReadOnlyList<ProcessIntervalResult> process = [new ProcessIntervalResult
            {
                Agent = "1/1", Index = 0, StartSeconds = 0, DurationSeconds = 10, GcPauseMs = stall ? 80 : 2, Gen0Collections = 1,
                Gen1Collections = 0, Gen2Collections = 0, AllocatedBytes = 0, ThreadPoolQueueLength = 0, ThreadPoolThreads = 4, CpuPercent = 50,
            }];
            return Task.FromResult(new CapacityProbe(scenario, process));
        }

        var options = new CapacitySearchOptions { StartRate = 100, Factor = 2, MaxRate = 1_600, Slo = "p99<50ms" };

        var result = await new CapacitySearch(options, Probe, "card_authorization").RunAsync();

        Assert.Equal([100, 200, 400, 400, 800, 1_600], result.Steps.Select(s => s.TargetRate));
        Assert.Equal(1_600, result.HighestPassingRate);
        var stalled = result.Steps[2];
        Assert.True(stalled is { Passed: false, Retried: true });
        Assert.Equal(["0-10 s: GC paused 80 ms"], stalled.Stalls);
        Assert.Equal("BROKE (retried) (stalled)", stalled.Verdict);
        Assert.True(result.Steps[3].Passed);
        Assert.Equal(1, result.StalledSteps);
    }

    [Fact]
    public async Task A_rate_that_passed_once_by_luck_is_not_the_answer_the_next_lower_one_is_confirmed()
    {
        // The target holds 300/s; its first step at 400/s happened to pass (a fast moment of a shared machine).
        var lucky = true;
        Task<ScenarioResult> Target(int rate, CancellationToken _)
        {
            var passes = rate <= 300 || (rate == 400 && lucky);
            lucky &= rate != 400;
            var micros = Enumerable.Repeat(passes ? 2_000L : 90_000L, 100);
            var scenario = ResultBuilder.Build(RawRuns.Single("card_authorization", micros, failures: 0, thresholds: [])).Scenarios[0];
            return Task.FromResult(scenario with { Global = scenario.Global with { Rps = rate } });
        }

        var options = new CapacitySearchOptions { StartRate = 100, Factor = 2, Slo = "p99<50ms", RefineSteps = 0, RetryBrokenStep = false };

        var result = await new CapacitySearch(options, Target, "card_authorization").RunAsync();

        Assert.Equal([100, 200, 400, 800, 400, 200], result.Steps.Select(s => s.TargetRate));
        Assert.Equal([false, false, false, false, true, true], result.Steps.Select(s => s.Confirmation));
        Assert.Equal(200, result.HighestPassingRate);
        Assert.True(result.Confirmed);
        Assert.Contains("200/s confirmed by a second measurement", result.StopReason, StringComparison.Ordinal);
        Assert.Equal("BROKE (confirmation)", result.Steps[4].Verdict);
    }

    [Fact]
    public async Task An_answer_no_confirmation_held_is_reported_as_unconfirmed()
    {
        // Every second measurement of a rate breaks: no confirmation can hold.
        var seen = new HashSet<int>();
        Task<ScenarioResult> Flaky(int rate, CancellationToken _)
        {
            var passes = rate <= 400 && seen.Add(rate);
            var micros = Enumerable.Repeat(passes ? 2_000L : 90_000L, 100);
            var scenario = ResultBuilder.Build(RawRuns.Single("card_authorization", micros, failures: 0, thresholds: [])).Scenarios[0];
            return Task.FromResult(scenario with { Global = scenario.Global with { Rps = rate } });
        }

        var options = new CapacitySearchOptions { StartRate = 100, Factor = 2, Slo = "p99<50ms", RefineSteps = 0, RetryBrokenStep = false, ConfirmSteps = 2 };

        var result = await new CapacitySearch(options, Flaky, "card_authorization").RunAsync();

        Assert.Equal([100, 200, 400, 800, 400, 200], result.Steps.Select(s => s.TargetRate));
        Assert.Equal(200, result.HighestPassingRate);
        Assert.False(result.Confirmed);
        Assert.Contains("no confirmation held", result.StopReason, StringComparison.Ordinal);
        Assert.Contains("(unconfirmed)", CapacityReportWriter.RenderRepeatMarkdown(new CapacityRepeatResult([result])), StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_steps_out_of_range_are_refused_naming_the_option()
    {
        var error = Assert.Throws<LoadConfigurationException>(() => new CapacitySearch(new CapacitySearchOptions { ConfirmSteps = 6 }, Probe, "x"));

        Assert.Contains("ConfirmSteps", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2_000, 10)]   // 10 s already measure 20,000 requests
    [InlineData(500, 20)]     // 10,000 requests need 20 s
    [InlineData(100, 60)]     // would need 100 s: capped
    public void Steps_last_long_enough_for_the_minimum_number_of_samples(int rate, double seconds)
    {
        var options = new CapacitySearchOptions { MinSamplesPerStep = 10_000, StepDuration = TimeSpan.FromSeconds(10), MaxStepDuration = TimeSpan.FromSeconds(60) };

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.StepDurationFor(rate));
    }

    [Fact]
    public async Task Repeated_searches_report_every_answer_and_their_spread()
    {
        var answers = new Queue<int>([400, 440, 360]);
        var capacity = 0;
        Task<ScenarioResult> Varying(int rate, CancellationToken _)
        {
            var micros = Enumerable.Repeat(rate <= capacity ? 1_000L : 90_000L, 100);
            var scenario = ResultBuilder.Build(RawRuns.Single("card_authorization", micros, failures: 0, thresholds: [])).Scenarios[0];
            return Task.FromResult(scenario with { Global = scenario.Global with { Rps = rate } });
        }

        var options = new CapacitySearchOptions { StartRate = 40, Factor = 0, Step = 40, Slo = "p99<50ms", RefineSteps = 0 };
        var search = new CapacitySearch(options, Varying, "card_authorization");
        search.StepCompleted += step =>
        {
            if (step.TargetRate == 40)
            {
                capacity = answers.Dequeue(); // each search meets a target of another capacity
            }
        };
        capacity = 400;

        var repeated = await search.RunRepeatedAsync(3);

        Assert.Equal([400, 440, 360], repeated.Answers);
        Assert.Equal(400, repeated.Median);
        Assert.Equal(10, repeated.SpreadPercent, 6);

        // The report draws each answer against the median and its ±10 % band, and links every search's own report.
        var folder = Path.Combine(Path.GetTempPath(), "actors-repeat-" + Guid.NewGuid().ToString("N"));
        try
        {
            CapacityReportWriter.WriteRepeated(repeated, folder);
            var html = File.ReadAllText(Path.Combine(folder, "repeat.html"));
            Assert.Contains("Highest passing rate by search", html, StringComparison.Ordinal);
            Assert.Contains("median +10 %", html, StringComparison.Ordinal);
            Assert.All(Enumerable.Range(1, 3), i => Assert.True(File.Exists(Path.Combine(folder, $"search{i}", "capacity.html")), $"search{i}/capacity.html"));
            Assert.Contains("search3/capacity.html", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("p99<50ms,fail<0.1%", 50, 25)]
    [InlineData("p99<50ms,p99.9<20ms", 20, 10)]
    [InlineData("fail<1%", 50, 10)]
    public void Stall_limits_follow_the_slo_unless_set(string slo, double gcMs, double waitMs)
    {
        var derived = new CapacitySearchOptions { Slo = slo }.StallLimits();
        var set = new CapacitySearchOptions { Slo = slo, StallGcPause = TimeSpan.FromMilliseconds(7), StallWait = TimeSpan.FromMilliseconds(3) }.StallLimits();

        Assert.Equal((TimeSpan.FromMilliseconds(gcMs), TimeSpan.FromMilliseconds(waitMs)), derived);
        Assert.Equal((TimeSpan.FromMilliseconds(7), TimeSpan.FromMilliseconds(3)), set);
    }
}
