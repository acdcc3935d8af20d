using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;
using Actors.Load.Thresholds;

namespace Actors.Load.Capacity;

/// <summary>
/// Raises the injection rate step by step until the SLO breaks, and reports the highest passing rate. Each step is
/// a separate engine run injecting <c>rate</c> per second, evenly spaced, for <c>StepDuration</c> (longer at low rates,
/// to measure <c>MinSamplesPerStep</c> requests), against the scenario the factory builds for that rate (a scenario
/// that already has load simulations keeps them). A step that breaks is measured once more before it counts; intervals
/// in which the generator itself stalled are flagged on their step.
/// </summary>
public sealed class CapacitySearch
{
    private readonly CapacitySearchOptions _options;
    private readonly Func<int, bool, CancellationToken, Task<CapacityProbe>> _probe;
    private readonly string _scenario;

    public CapacitySearch(CapacitySearchOptions options, Func<int, ScenarioProps> scenarioFactory)
        : this(options, Probe(options, scenarioFactory), scenarioFactory(options.StartRate).Name)
    {
    }

    /// <summary>For tests and custom drivers: <paramref name="probe"/> measures one rate.</summary>
    internal CapacitySearch(CapacitySearchOptions options, Func<int, CancellationToken, Task<ScenarioResult>> probe, string scenario)
        : this(options, async (rate, _, cancellationToken) => new CapacityProbe(await probe(rate, cancellationToken), []), scenario)
    {
    }

    /// <summary>For tests and custom drivers: <paramref name="probe"/> measures one rate and the generator's process.</summary>
    internal CapacitySearch(CapacitySearchOptions options, Func<int, CancellationToken, Task<CapacityProbe>> probe, string scenario)
        : this(options, (rate, _, cancellationToken) => probe(rate, cancellationToken), scenario)
    {
    }

    /// <summary>The probe also gets whether to warm up before measuring.</summary>
    private CapacitySearch(CapacitySearchOptions options, Func<int, bool, CancellationToken, Task<CapacityProbe>> probe, string scenario)
    {
        CapacitySearchOptionsValidator.Validate(options);
        _options = options;
        _probe = probe;
        _scenario = scenario;
    }

    /// <summary>Called after each step (progress output).</summary>
    public event Action<CapacityStep>? StepCompleted;

    /// <summary>Runs the search <paramref name="times"/> times, one after the other, and reports how far the answers spread.</summary>
    public async Task<CapacityRepeatResult> RunRepeatedAsync(int times, CancellationToken cancellationToken = default)
    {
        if (times < 1)
        {
            throw new LoadConfigurationException($"A capacity search repeats at least once (was {times}).");
        }

        var runs = new List<CapacityResult>();
        for (var i = 0; i < times && !cancellationToken.IsCancellationRequested; i++)
        {
            runs.Add(await RunAsync(cancellationToken));
        }

        return new CapacityRepeatResult(runs);
    }

    public async Task<CapacityResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var slo = ThresholdParser.Parse(_options.Slo);
        var steps = new List<CapacityStep>();
        int? best = null;
        var rate = _options.StartRate;
        CapacityStep? broke = null;
        string reason;
        while (true)
        {
            var step = await Measure(rate, refinement: false, slo, steps, cancellationToken);
            if (!step.Passed)
            {
                broke = step;
                break;
            }

            best = rate;
            if (cancellationToken.IsCancellationRequested)
            {
                reason = "cancelled";
                return new CapacityResult(_scenario, _options.Slo, best, steps, reason);
            }

            if (rate >= _options.MaxRate)
            {
                reason = $"reached MaxRate {_options.MaxRate}/s without breaking the SLO";
                return new CapacityResult(_scenario, _options.Slo, best, steps, reason);
            }

            rate = _options.Next(rate);
        }

        // Bisect between the highest passing and the lowest failing rate: the growth factor alone leaves the breaking
        // point anywhere in a 50 % wide gap.
        for (var i = 0; i < _options.RefineSteps && best is { } passing && !cancellationToken.IsCancellationRequested; i++)
        {
            var middle = passing + ((broke.TargetRate - passing) / 2);
            if (middle <= passing)
            {
                break; // adjacent rates: nothing left between them
            }

            var step = await Measure(middle, refinement: true, slo, steps, cancellationToken);
            if (step.Passed)
            {
                best = middle;
            }
            else
            {
                broke = step;
            }
        }

        reason = $"SLO broke at {broke.TargetRate}/s: {string.Join("; ", broke.Breaches)}";
        var (answer, confirmed) = await ConfirmAsync(best, slo, steps, cancellationToken);
        if (!confirmed)
        {
            reason += $"; no confirmation held (the answer {answer}/s passed once)";
        }
        else if (_options.ConfirmSteps > 0 && answer is { } held)
        {
            reason += $"; {held}/s confirmed by a second measurement";
        }

        return new CapacityResult(_scenario, _options.Slo, answer, steps, reason) { Confirmed = confirmed };
    }

    /// <summary>
    /// Measures the answer again; when that breaks, the next lower rate that passed is tried, up to
    /// <see cref="CapacitySearchOptions.ConfirmSteps"/> times. Returns the first rate that passed twice, or (none did) the
    /// last one tried, unconfirmed.
    /// </summary>
    private async Task<(int? Answer, bool Confirmed)> ConfirmAsync(int? best, IReadOnlyList<Threshold> slo, List<CapacityStep> steps, CancellationToken cancellationToken)
    {
        var candidate = best;
        for (var i = 0; i < _options.ConfirmSteps && candidate is { } rate && !cancellationToken.IsCancellationRequested; i++)
        {
            var again = Record(await Timed(rate, warmUp: true, refinement: false, slo, cancellationToken) with { Confirmation = true }, steps);
            if (again.Passed)
            {
                return (rate, true);
            }

            var lower = steps.Where(s => s.Passed && !s.Confirmation && s.TargetRate < rate).Select(s => (int?)s.TargetRate).Max();
            if (lower is null || i == _options.ConfirmSteps - 1)
            {
                return (rate, false);
            }

            candidate = lower;
        }

        return (candidate, true);
    }

    private async Task<CapacityStep> Measure(int rate, bool refinement, IReadOnlyList<Threshold> slo, List<CapacityStep> steps, CancellationToken cancellationToken)
    {
        // The first step warms the target up; so does each refinement step, which follows a step that overloaded the
        // target (measured: a step at 10,682/s right after one at 12,819/s showed a p99 of 1.6 s, the next lower one 53 ms).
        var warmUp = steps.Count == 0 || refinement;
        var step = await Timed(rate, warmUp, refinement, slo, cancellationToken);
        if (step.Passed || !_options.RetryBrokenStep || cancellationToken.IsCancellationRequested)
        {
            return Record(step, steps);
        }

        // One breach is not yet the breaking point: measure the rate again, warmed up, and let the second verdict count.
        Record(step with { Retried = true }, steps);
        var again = await Timed(rate, warmUp: true, refinement, slo, cancellationToken);
        return Record(again, steps);
    }

    private async Task<CapacityStep> Timed(int rate, bool warmUp, bool refinement, IReadOnlyList<Threshold> slo, CancellationToken cancellationToken)
    {
        var cpu = _options.CpuSeconds;
        var cpuBefore = cpu?.Invoke() ?? 0;
        var clock = _options.TimeProvider;
        var started = clock.GetTimestamp();
        var probe = await _probe(rate, warmUp, cancellationToken);
        var wall = clock.GetElapsedTime(started).TotalSeconds;
        var cores = cpu is null || wall <= 0 ? (double?)null : (cpu() - cpuBefore) / wall;
        return Judge(rate, probe, slo) with { Refinement = refinement, CpuCores = cores };
    }

    private CapacityStep Record(CapacityStep step, List<CapacityStep> steps)
    {
        steps.Add(step);
        StepCompleted?.Invoke(step);
        return step;
    }

    private CapacityStep Judge(int rate, CapacityProbe probe, IReadOnlyList<Threshold> slo)
    {
        var scenario = probe.Scenario;
        var breaches = slo.Select(t => ThresholdEvaluator.Evaluate(scenario, t)).Where(r => !r.Passed).Select(r => r.Message).ToList();
        var achieved = scenario.Rps;
        if (achieved < rate * _options.MinAchievedRatio)
        {
            breaches.Add($"achieved {achieved:0.#}/s < {_options.MinAchievedRatio:P0} of the target {rate}/s");
        }

        var latency = scenario.Global.Ok.Latency;
        return new CapacityStep(rate, achieved, latency.P50Ms, latency.P99Ms, scenario.FailPercent, scenario.Lag.LateStarts,
            breaches.Count == 0, breaches)
        {
            Errors = [.. scenario.Global.ErrorKinds.OrderByDescending(e => e.Count).Take(3).Select(e => $"{e.Name}: {e.Count}")],
            DurationSeconds = scenario.DurationSeconds,
            Stalls = Stalls(scenario, probe.Process),
            IntervalP99Ms = [.. scenario.Global.Intervals.Select(i => i.OkLatency.P99Ms)],
        };
    }

    // An interval is a stall of the generator when its process paused for GC long enough to show in a p99, or when it
    // started requests late; both are about the measuring side, not the target.
    private List<string> Stalls(ScenarioResult scenario, IReadOnlyList<ProcessIntervalResult> process)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var stalls = new List<string>();
        var pauses = process.GroupBy(p => p.Index).ToDictionary(g => g.Key, g => g.Sum(p => p.GcPauseMs));
        var (gcLimit, waitLimit) = _options.StallLimits();
        foreach (var interval in scenario.Global.Intervals)
        {
            var window = string.Create(c, $"{interval.StartSeconds:0.#}-{interval.StartSeconds + interval.DurationSeconds:0.#} s");
            var pause = pauses.GetValueOrDefault(interval.Index);
            if (pause >= gcLimit.TotalMilliseconds)
            {
                stalls.Add(string.Create(c, $"{window}: GC paused {pause:0} ms"));
            }
            else if (interval.WaitLatency.P99Ms >= waitLimit.TotalMilliseconds)
            {
                stalls.Add(string.Create(c, $"{window}: requests started late (wait p99 {interval.WaitLatency.P99Ms:0.#} ms)"));
            }
        }

        return stalls;
    }

    private static Func<int, bool, CancellationToken, Task<CapacityProbe>> Probe(CapacitySearchOptions options, Func<int, ScenarioProps> factory) =>
        async (rate, warmUp, cancellationToken) =>
        {
            var scenario = factory(rate);
            var duration = options.StepDurationFor(rate);
            if (scenario.LoadSimulations.Count == 0)
            {
                // One interval spanning the whole step keeps the spacing of rate-per-second exact for any step length.
                var perStep = (int)Math.Max(1, Math.Round(rate * duration.TotalSeconds));
                scenario = scenario.WithLoadSimulations(Simulation.Inject(perStep, duration, duration));
            }

            if (warmUp && options.WarmUp > TimeSpan.Zero && scenario.WarmUpDuration == TimeSpan.Zero)
            {
                scenario = scenario.WithWarmUpDuration(options.WarmUp <= duration ? options.WarmUp : duration);
            }

            var result = await LoadRunner.RegisterScenarios(scenario)
                .WithoutConsole()
                .WithoutReports()
                .WithReportingInterval(options.ReportingInterval)
                .WithTimeProvider(options.TimeProvider)
                .RunAsync(cancellationToken);
            return new CapacityProbe(result.Scenarios[0], result.Process);
        };
}
