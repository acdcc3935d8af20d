using System.Diagnostics;
using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;

namespace Actors.Load.Benchmarks;

/// <summary>Throughput of the same call in a bare loop and under the engine, and the engine's share of it.</summary>
public sealed record OverheadResult(int Copies, TimeSpan Duration, double BareOpsPerSecond, double EngineOpsPerSecond)
{
    /// <summary>Engine throughput as a fraction of the bare loop (1.0 = no overhead).</summary>
    public double Ratio => BareOpsPerSecond <= 0 ? 0 : EngineOpsPerSecond / BareOpsPerSecond;

    public override string ToString() =>
        $"bare loop {BareOpsPerSecond:N0} ops/s, engine KeepConstant({Copies}) {EngineOpsPerSecond:N0} ops/s: engine keeps {Ratio:P1}";
}

/// <summary>
/// Measures the engine's own overhead: <paramref name="copies"/> tasks calling <c>call</c> back to back for a
/// duration, then the engine running the same call under <c>KeepConstant(copies, duration)</c>. Pass a no-op
/// for the engine's pure cost, or a grain call (ping) for the figure the loadtests README quotes.
/// </summary>
public static class EngineOverheadBenchmark
{
    public static async Task<OverheadResult> MeasureAsync(Func<Task> call, int copies, TimeSpan duration,
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

        var bare = await BareLoopAsync(call, copies, duration, cancellationToken);
        var scenario = Scenario.Create("engine_overhead", async _ =>
            {
                await call();
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.KeepConstant(copies, duration));
        var result = await LoadRunner.RegisterScenarios(scenario).WithoutConsole().WithoutReports().RunAsync(cancellationToken);
        var run = result.Scenarios[0];
        return new OverheadResult(copies, duration, bare, run.OkCount / Math.Max(run.DurationSeconds, 1e-9));
    }

    private static async Task<double> BareLoopAsync(Func<Task> call, int copies, TimeSpan duration, CancellationToken cancellationToken)
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
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }
}
