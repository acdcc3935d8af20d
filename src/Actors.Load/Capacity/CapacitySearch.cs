using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;
using Actors.Load.Thresholds;

namespace Actors.Load.Capacity;

/// <summary>
/// Raises the injection rate step by step until the SLO breaks, and reports the highest passing rate. Each step is
/// a separate engine run injecting <c>rate</c> per second, evenly spaced, for <c>StepDuration</c>, against the scenario the factory builds for that
/// rate (a scenario that already has load simulations keeps them).
/// </summary>
public sealed class CapacitySearch
{
    private readonly CapacitySearchOptions _options;
    private readonly Func<int, bool, CancellationToken, Task<ScenarioResult>> _probe;
    private readonly string _scenario;

    public CapacitySearch(CapacitySearchOptions options, Func<int, ScenarioProps> scenarioFactory)
        : this(options, Probe(options, scenarioFactory), scenarioFactory(options.StartRate).Name)
    {
    }

    /// <summary>For tests and custom drivers: <paramref name="probe"/> measures one rate.</summary>
    internal CapacitySearch(CapacitySearchOptions options, Func<int, CancellationToken, Task<ScenarioResult>> probe, string scenario)
        : this(options, (rate, _, cancellationToken) => probe(rate, cancellationToken), scenario)
    {
    }

    /// <summary>The probe also gets whether to warm up before measuring.</summary>
    private CapacitySearch(CapacitySearchOptions options, Func<int, bool, CancellationToken, Task<ScenarioResult>> probe, string scenario)
    {
        CapacitySearchOptionsValidator.Validate(options);
        _options = options;
        _probe = probe;
        _scenario = scenario;
    }

    /// <summary>Called after each step (progress output).</summary>
    public event Action<CapacityStep>? StepCompleted;

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
        return new CapacityResult(_scenario, _options.Slo, best, steps, reason);
    }

    private async Task<CapacityStep> Measure(int rate, bool refinement, IReadOnlyList<Threshold> slo, List<CapacityStep> steps, CancellationToken cancellationToken)
    {
        // The first step warms the target up; so does each refinement step, which follows a step that overloaded the
        // target (measured: a step at 10,682/s right after one at 12,819/s showed a p99 of 1.6 s, the next lower one 53 ms).
        var warmUp = steps.Count == 0 || refinement;
        var step = Judge(rate, await _probe(rate, warmUp, cancellationToken), slo) with { Refinement = refinement };
        steps.Add(step);
        StepCompleted?.Invoke(step);
        return step;
    }

    private CapacityStep Judge(int rate, ScenarioResult scenario, IReadOnlyList<Threshold> slo)
    {
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
        };
    }

    private static Func<int, bool, CancellationToken, Task<ScenarioResult>> Probe(CapacitySearchOptions options, Func<int, ScenarioProps> factory) =>
        async (rate, warmUp, cancellationToken) =>
        {
            var scenario = factory(rate);
            if (scenario.LoadSimulations.Count == 0)
            {
                // One interval spanning the whole step keeps the spacing of rate-per-second exact for any step length.
                var perStep = (int)Math.Max(1, Math.Round(rate * options.StepDuration.TotalSeconds));
                scenario = scenario.WithLoadSimulations(Simulation.Inject(perStep, options.StepDuration, options.StepDuration));
            }

            if (warmUp && options.WarmUp > TimeSpan.Zero && scenario.WarmUpDuration == TimeSpan.Zero)
            {
                scenario = scenario.WithWarmUpDuration(options.WarmUp);
            }

            var result = await LoadRunner.RegisterScenarios(scenario)
                .WithoutConsole()
                .WithoutReports()
                .WithReportingInterval(options.ReportingInterval)
                .WithTimeProvider(options.TimeProvider)
                .RunAsync(cancellationToken);
            return result.Scenarios[0];
        };
}
