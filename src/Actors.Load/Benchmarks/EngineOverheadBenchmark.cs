using System.Diagnostics;
using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;

namespace Actors.Load.Benchmarks;

/// <summary>
/// Throughput of the same call in a bare loop and under the engine, and the engine's share of it; over several rounds,
/// the totals of all rounds and each round's own share (<see cref="RoundRatios"/>).
/// </summary>
public sealed record OverheadResult(int Copies, TimeSpan Duration, double BareOpsPerSecond, double EngineOpsPerSecond)
{
    /// <summary>Engine throughput as a fraction of the bare loop (1.0 = no overhead).</summary>
    public double Ratio => BareOpsPerSecond <= 0 ? 0 : EngineOpsPerSecond / BareOpsPerSecond;

    /// <summary>Each round's engine share, in round order (one entry for a single round).</summary>
    public IReadOnlyList<double> RoundRatios { get; init; } = [];

    public override string ToString() =>
        $"bare loop {BareOpsPerSecond:N0} ops/s, engine KeepConstant({Copies}) {EngineOpsPerSecond:N0} ops/s: engine keeps {Ratio:P1}"
        + (RoundRatios.Count > 1 ? $" (rounds: {string.Join(", ", RoundRatios.Select(r => r.ToString("P1", System.Globalization.CultureInfo.InvariantCulture)))})" : "");
}

/// <summary>
/// Measures the engine's own overhead: <paramref name="copies"/> tasks calling <c>call</c> back to back for a
/// duration, then the engine running the same call under <c>KeepConstant(copies, duration)</c>. Pass a no-op
/// for the engine's pure cost, or a grain call (ping) for the figure the loadtests README quotes. With several
/// <c>rounds</c> the two alternate which runs first (bare-engine, engine-bare, ...), so that a machine whose speed
/// drifts during the measurement favours neither; the result is the totals over all rounds.
/// </summary>
public static class EngineOverheadBenchmark
{
    public static async Task<OverheadResult> MeasureAsync(Func<Task> call, int copies, TimeSpan duration, int rounds = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (copies < 1)
        {
            throw new LoadConfigurationException($"Overhead benchmark copies must be at least 1 (was {copies}).");
        }

        if (duration <= TimeSpan.Zero)
        {
            throw new LoadConfigurationException($"Overhead benchmark duration must be positive (was {duration}).");
        }

        if (rounds < 1)
        {
            throw new LoadConfigurationException($"Overhead benchmark rounds must be at least 1 (was {rounds}).");
        }

        double bareOps = 0, bareSeconds = 0, engineOps = 0, engineSeconds = 0;
        var ratios = new List<double>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            (double Ops, double Seconds) bare, engine;
            if (round % 2 == 0)
            {
                bare = await BareLoopAsync(call, copies, duration, cancellationToken);
                engine = await EngineAsync(call, copies, duration, cancellationToken);
            }
            else
            {
                engine = await EngineAsync(call, copies, duration, cancellationToken);
                bare = await BareLoopAsync(call, copies, duration, cancellationToken);
            }

            bareOps += bare.Ops;
            bareSeconds += bare.Seconds;
            engineOps += engine.Ops;
            engineSeconds += engine.Seconds;
            ratios.Add(bare.Ops <= 0 ? 0 : engine.Ops / Math.Max(engine.Seconds, 1e-9) / (bare.Ops / Math.Max(bare.Seconds, 1e-9)));
        }

        return new OverheadResult(copies, duration, bareOps / Math.Max(bareSeconds, 1e-9), engineOps / Math.Max(engineSeconds, 1e-9)) { RoundRatios = ratios };
    }

    private static async Task<(double Ops, double Seconds)> EngineAsync(Func<Task> call, int copies, TimeSpan duration, CancellationToken cancellationToken)
    {
        var scenario = Scenario.Create("engine_overhead", async _ =>
            {
                await call();
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.KeepConstant(copies, duration));
        var result = await LoadRunner.RegisterScenarios(scenario).WithoutConsole().WithoutReports().RunAsync(cancellationToken);
        var run = result.Scenarios[0];
        return (run.OkCount, run.DurationSeconds);
    }

    private static async Task<(double Ops, double Seconds)> BareLoopAsync(Func<Task> call, int copies, TimeSpan duration, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = new long[copies];
        var loops = Enumerable.Range(0, copies).Select(i => Task.Run(async () =>
        {
            long count = 0;
            do
            {
                await call();
                count++;
            }
            while (stopwatch.Elapsed < duration && !cancellationToken.IsCancellationRequested);

            counts[i] = count;
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(loops);
        return (counts.Sum(), stopwatch.Elapsed.TotalSeconds);
    }
}
