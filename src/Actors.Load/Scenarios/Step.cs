using Actors.Load.Engine;

namespace Actors.Load.Scenarios;

/// <summary>
/// Measures part of an invocation separately, as NBomber's <c>Step.Run</c>: the step's latency, ok/fail counts and
/// status codes appear under its name in every report, next to the whole-invocation ("global") statistics.
/// A step's latency runs from its own start; only the whole invocation is measured from the intended start.
/// </summary>
public static class Step
{
    public static async Task<IResponse> Run(string name, IScenarioContext context, Func<Task<IResponse>> run)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        if (context is not ScenarioContext engineContext)
        {
            // Outside the engine (e.g. a unit test of a step function) there is nothing to record into.
            return await run();
        }

        var collector = engineContext.Collector.Step(name);
        var clock = engineContext.Clock;
        var start = clock.Now;
        IResponse response;
        try
        {
            response = await run() ?? Response.Fail("null_response");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            collector.Record(Response.Fail(ex.GetType().Name, ex.Message), clock.ToMicroseconds(clock.Now - start));
            throw;
        }

        collector.Record(response, clock.ToMicroseconds(clock.Now - start));
        return response;
    }
}
