using System.Net;
using Actors.Load.Engine;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;
using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;
using Actors.LoadTests.Tests.Support;
using Actors.Users;
using static Actors.LoadTests.Tests.Support.ScenarioRuns;

namespace Actors.LoadTests.Tests.Scenarios;

/// <summary>
/// http_balance_check over real HTTP against <see cref="FakeGateway"/> (the real gateway has its own
/// end-to-end test in Actors.Gateway.Tests): how answers are counted, and that every run opens its own
/// connections and closes them when it ends, however it ends.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class HttpBalanceCheckTests(EmbeddedSiloFixture silo)
{
    /// <summary>How long a closed client's connections may take to be seen closed by the server; it takes milliseconds.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>The shared population's users and whether each consents, as the real gateway would answer them.</summary>
    private static readonly Dictionary<string, bool> Consenting =
        SharedPopulation.SliceIndexes().ToDictionary(PopulationOptions.UserId, SharedPopulation.Consents);

    [Fact]
    public async Task Http_balance_check_counts_200_as_ok_and_403_as_consent_required_after_linking_the_partner()
    {
        await using var gateway = await FakeGateway.StartAsync(ConsentAnswerAsync);
        var context = await ReadyContextAsync(silo.Grains);
        var partner = $"lt-{Guid.NewGuid():N}"[..32]; // one no earlier run linked, so the links seen below are this run's

        var check = (await RunHttpAsync(Scenario(context, gateway, partner))).Scenario(HttpScenarios.HttpBalanceCheck);

        AssertAllOk(check);
        var ok = StatusCount(check, "ok");
        var consentRequired = StatusCount(check, "consent_required");
        Assert.True(ok > 0 && consentRequired > 0, $"expected both answers, got ok={ok}, consent_required={consentRequired}");
        Assert.Equal(Iterations, ok + consentRequired);
        Assert.Equal(gateway.Answered(HttpStatusCode.OK), ok);
        Assert.Equal(gateway.Answered(HttpStatusCode.Forbidden), consentRequired);
        var links = await Task.WhenAll(Consenting.Keys.Select(u => silo.Grains.GetGrain<IUserGatewayGrain>(u).GetPartnerLink(partner)));
        Assert.All(links, l => Assert.True(l.Linked, $"{l.UserId} did not link {partner}"));
    }

    [Fact]
    public async Task Http_balance_check_counts_any_other_status_as_a_failure_named_by_its_code()
    {
        await using var gateway = await FakeGateway.StartAsync((_, _) => Task.FromResult(HttpStatusCode.ServiceUnavailable));
        var context = await ReadyContextAsync(silo.Grains);

        var check = (await RunHttpAsync(Scenario(context, gateway), iterations: 40)).Scenario(HttpScenarios.HttpBalanceCheck);

        Assert.Equal(0, check.OkCount);
        Assert.Equal(40, check.FailCount);
        Assert.Equal(40, Assert.Single(check.Global.ErrorKinds, e => e.Name == "http_503").Count);
    }

    [Fact]
    public async Task Http_balance_check_closes_its_connections_when_a_run_ends_and_the_next_run_opens_new_ones()
    {
        await using var gateway = await FakeGateway.StartAsync(ConsentAnswerAsync);
        var context = await ReadyContextAsync(silo.Grains);
        var scenario = Scenario(context, gateway); // one definition run twice: each run gets its own client

        AssertAllOk((await RunHttpAsync(scenario)).Scenario(HttpScenarios.HttpBalanceCheck));
        await gateway.WhenAllConnectionsClosedAsync().WaitAsync(Deadline);
        var openedByFirst = gateway.OpenedConnections;

        AssertAllOk((await RunHttpAsync(scenario)).Scenario(HttpScenarios.HttpBalanceCheck));
        await gateway.WhenAllConnectionsClosedAsync().WaitAsync(Deadline);

        Assert.InRange(openedByFirst, 1, Copies);
        Assert.InRange(gateway.OpenedConnections - openedByFirst, 1, Copies);
    }

    [Fact]
    public async Task Http_balance_check_cut_off_by_a_cancelled_run_counts_no_timeout_and_closes_its_connections()
    {
        await using var gateway = await FakeGateway.StartAsync(NeverAnswerAsync);
        var context = await ReadyContextAsync(silo.Grains);
        using var stop = new CancellationTokenSource();

        var run = RunHttpAsync(Scenario(context, gateway), cancellationToken: stop.Token);
        await gateway.WhenReceivedAsync(Copies).WaitAsync(Deadline); // every copy waits for its answer
        await stop.CancelAsync();
        var check = (await run.WaitAsync(Deadline)).Scenario(HttpScenarios.HttpBalanceCheck);

        // Cancelled calls are cut off by the end of the run, neither ok nor failed (the client's own 30 s
        // timeout would have been a "timeout" failure, and only after those 30 s).
        Assert.Equal(0, check.OkCount);
        Assert.True(check.FailCount == 0, string.Join(", ", check.Global.ErrorKinds.Select(e => $"{e.Name}={e.Count}")));
        await gateway.WhenAllConnectionsClosedAsync().WaitAsync(Deadline);
    }

    private static ScenarioProps Scenario(LoadContext context, FakeGateway gateway, string partner = FakeGateway.PartnerId) =>
        HttpScenarios.CreateBalanceCheck(context, new HttpTarget(gateway.BaseUrl, partner, FakeGateway.ApiKey));

    private static Task<RunResult> RunHttpAsync(ScenarioProps scenario, int iterations = Iterations, CancellationToken cancellationToken = default) =>
        LoadRunner.RegisterScenarios(scenario.WithLoadSimulations(LoadShapes.IterationsForConstant(Copies, iterations)))
            .WithRunName(HttpScenarios.HttpBalanceCheck).WithoutConsole().WithoutReports().RunAsync(cancellationToken);

    private static Task<HttpStatusCode> ConsentAnswerAsync(string userId, CancellationToken aborted) =>
        Task.FromResult(Consenting[userId] ? HttpStatusCode.OK : HttpStatusCode.Forbidden);

    /// <summary>Holds the request until the client gives up on it.</summary>
    private static async Task<HttpStatusCode> NeverAnswerAsync(string userId, CancellationToken aborted)
    {
        var gaveUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (aborted.Register(() => gaveUp.TrySetResult()))
        {
            await gaveUp.Task;
        }

        return HttpStatusCode.RequestTimeout;
    }
}
