using Actors.Load.Scenarios;
using Actors.Load.Simulations;

namespace Actors.Load.Tests;

public sealed class CoordinatedOmissionTests
{
    [Fact]
    public async Task Latency_from_intended_start_grows_with_a_stall_while_service_time_does_not()
    {
        // Invocation 20 blocks its thread for 500 ms before its first await. The engine starts invocations inline,
        // so this stalls the generator itself: the invocations due meanwhile start late. A generator that measured
        // from the actual start would hide the stall (coordinated omission); here their latency includes it.
        var scenario = Scenario.Create("stalling", async context =>
            {
                if (context.InvocationNumber == 20)
                {
                    Thread.Sleep(500); // the behaviour under test (a stalled client), not synchronisation
                }

                return await Step.Run("work", context, async () =>
                {
                    await Task.Yield();
                    return Response.Ok();
                });
            })
            .WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1500)));

        var result = (await Fakes.Quiet(scenario).RunAsync()).Scenario("stalling");

        Assert.Equal(300, result.OkCount);
        Assert.True(result.Lag.LateStarts >= 50, result.Lag.Summary);
        Assert.True(result.Lag.MaxLatenessMs >= 400, result.Lag.Summary);
        Assert.StartsWith("lagging:", result.Lag.Summary, StringComparison.Ordinal);
        var global = result.Global.Ok.Latency;
        var work = result.Steps.Single(s => s.Name == "work").Ok.Latency;
        Assert.True(global.MaxMs >= 450, $"max {global.MaxMs} ms");
        Assert.True(global.P95Ms >= 200, $"p95 {global.P95Ms} ms should include the stall");
        // The step's own timer starts when it actually runs, so its median stays far below the stall.
        Assert.True(work.P50Ms < global.P95Ms / 4, $"step p50 {work.P50Ms} ms measures service time only");
    }
}
