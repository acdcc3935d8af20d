using Actors.Load.Engine;

namespace Actors.Load.Scenarios;

/// <summary>
/// Measures part of an invocation separately, as NBomber's <c>Step.Run</c>: the step's latency, ok/fail counts and
/// status codes appear under its name in every report, next to the whole-invocation ("global") statistics.
/// A step has the same three times as its invocation: service from the step's own start to its end, wait the
/// invocation's (how late the generator started it), and response the two added, so a stalled generator shows in a
/// step's response time as it does in the invocation's.
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
        var wait = engineContext.WaitMicroseconds;
        var start = clock.Now;
        IResponse response;
        try
        {
            response = await run() ?? Response.Fail("null_response");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            var failed = clock.ToMicroseconds(clock.Now - start);
            collector.Record(Response.Fail(ex.GetType().Name, ex.Message), wait + failed, failed, wait);
            throw;
        }

        var service = clock.ToMicroseconds(clock.Now - start);
        collector.Record(response, wait + service, service, wait);
        return response;
    }
}
