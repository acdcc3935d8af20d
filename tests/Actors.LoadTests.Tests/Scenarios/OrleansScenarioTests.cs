using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;
using Actors.LoadTests.Tests.Support;
using Actors.Users;
using static Actors.LoadTests.Tests.Support.ScenarioRuns;

namespace Actors.LoadTests.Tests.Scenarios;

/// <summary>
/// A short end-to-end run of every Orleans scenario on the shared embedded silo: no failed call, the
/// expected status codes, and a look at the grains afterwards that proves the calls really happened.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class OrleansScenarioTests(EmbeddedSiloFixture silo)
{
    /// <summary>How long inbox notifications (asynchronous, over streams) may take to arrive; they usually take milliseconds.</summary>
    private static readonly TimeSpan DeliveryDeadline = TimeSpan.FromSeconds(30);

    private readonly IGrainFactory _grains = silo.Grains;

    [Fact]
    public void Every_scenario_name_the_command_line_accepts_is_covered_here()
    {
        string[] covered =
        [
            OrleansScenarios.Ping, OrleansScenarios.PingWrite, OrleansScenarios.MessengerBalanceCheck, OrleansScenarios.CardAuthorization, OrleansScenarios.ConsentChurn,
            OrleansScenarios.Transfer, OrleansScenarios.NotificationFanout, OrleansScenarios.Mixed, HttpScenarios.HttpBalanceCheck,
        ];
        Assert.Equal(covered.Order(), OrleansScenarios.Names.Order());
    }

    [Fact]
    public async Task Ping_runs_every_requested_iteration_without_failure()
    {
        var context = await ReadyContextAsync(_grains);

        var ping = (await RunAsync(OrleansScenarios.Ping, context)).Scenario(OrleansScenarios.Ping);

        AssertAllOk(ping);
        Assert.Equal(Iterations, ping.OkCount);
    }

    [Fact]
    public async Task Ping_write_persists_each_call_through_the_configured_store()
    {
        var context = await ReadyContextAsync(_grains);

        var run = (await RunAsync(OrleansScenarios.PingWrite, context)).Scenario(OrleansScenarios.PingWrite);

        AssertAllOk(run);
        Assert.Equal(Iterations, run.OkCount);
        // Read back from the store itself, not from the activation: grain 0 took invocations 0, N, 2N, ...
        var stored = await _grains.GetGrain<Actors.Diagnostics.IPingWriteGrain>(0).ReadStored();
        Assert.NotNull(stored);
        Assert.Equal(OrleansScenarios.PingWritePayloadBytes, stored!.Payload.Length);
        Assert.Equal(0, stored.Value % context.Population.Users);
    }

    [Fact]
    public async Task Ping_write_refuses_a_bad_payload_size_and_keeps_what_it_stored()
    {
        var grain = _grains.GetGrain<Actors.Diagnostics.IPingWriteGrain>(987_654);
        await grain.Write(7, 16);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Write(8, -1).AsTask());

        Assert.Contains("payloadBytes", error.Message, StringComparison.Ordinal);
        var stored = await grain.ReadStored();
        Assert.Equal(7, stored!.Value);
        Assert.Equal(16, stored.Payload.Length);
    }

    [Fact]
    public async Task Balance_check_answers_ok_to_consenting_users_and_consent_required_to_the_others_and_audits_each_read()
    {
        var context = await ReadyContextAsync(_grains);
        var allowedBefore = await CountBalanceReadsAsync(AuditOutcome.Allowed);
        var deniedBefore = await CountBalanceReadsAsync(AuditOutcome.Denied);

        var check = (await RunAsync(OrleansScenarios.MessengerBalanceCheck, context)).Scenario(OrleansScenarios.MessengerBalanceCheck);

        AssertAllOk(check);
        var ok = StatusCount(check, "ok");
        var consentRequired = StatusCount(check, "consent_required");
        Assert.True(ok > 0 && consentRequired > 0, $"expected both answers, got ok={ok}, consent_required={consentRequired}");
        Assert.Equal(Iterations, ok + consentRequired);

        // Every read is audited at the moment it happens, allowed or denied (GDPR).
        Assert.Equal(ok, await CountBalanceReadsAsync(AuditOutcome.Allowed) - allowedBefore);
        Assert.Equal(consentRequired, await CountBalanceReadsAsync(AuditOutcome.Denied) - deniedBefore);
    }

    [Fact]
    public async Task Card_authorization_approves_payments_and_posts_each_one_to_the_account()
    {
        var context = await ReadyContextAsync(_grains);
        var postingsBefore = PopulationState.TotalPostings(await PopulationState.ChaseAccountsAsync(_grains, SharedPopulation));

        var card = (await RunAsync(OrleansScenarios.CardAuthorization, context)).Scenario(OrleansScenarios.CardAuthorization);

        AssertAllOk(card);
        Assert.True(StatusCount(card, "approved") > 0, $"no approval among {Describe(card)}");
        var postingsAfter = PopulationState.TotalPostings(await PopulationState.ChaseAccountsAsync(_grains, SharedPopulation));
        Assert.Equal(card.OkCount, postingsAfter - postingsBefore);
    }

    [Fact]
    public async Task Runs_that_share_a_context_never_reuse_a_transaction_id()
    {
        // The capacity search runs the engine once per step on one context; invocation numbers restart each run.
        var context = await ReadyContextAsync(_grains);
        var before = PopulationState.TotalPostings(await PopulationState.ChaseAccountsAsync(_grains, SharedPopulation));

        var first = (await RunAsync(OrleansScenarios.CardAuthorization, context)).Scenario(OrleansScenarios.CardAuthorization);
        var second = (await RunAsync(OrleansScenarios.CardAuthorization, context)).Scenario(OrleansScenarios.CardAuthorization);

        AssertAllOk(first);
        AssertAllOk(second);
        var after = PopulationState.TotalPostings(await PopulationState.ChaseAccountsAsync(_grains, SharedPopulation));
        Assert.Equal(first.OkCount + second.OkCount, after - before); // a reused id would replay instead of posting
    }

    [Fact]
    public async Task Consent_churn_grants_and_revokes_and_the_users_record_every_change()
    {
        var context = await ReadyContextAsync(_grains);
        var grantsBefore = await CountOffersAsync(AuditAction.ConsentGranted);
        var revokesBefore = await CountOffersAsync(AuditAction.ConsentRevoked);

        var churn = (await RunAsync(OrleansScenarios.ConsentChurn, context)).Scenario(OrleansScenarios.ConsentChurn);

        AssertAllOk(churn);
        var granted = StatusCount(churn, "granted");
        var revokeCalls = StatusCount(churn, "revoked") + StatusCount(churn, "nothing_to_revoke");
        Assert.True(granted > 0 && StatusCount(churn, "revoked") > 0, $"expected grants and revocations: {Describe(churn)}");
        Assert.Equal(Iterations, granted + revokeCalls);
        Assert.Equal(granted, await CountOffersAsync(AuditAction.ConsentGranted) - grantsBefore);
        Assert.Equal(revokeCalls, await CountOffersAsync(AuditAction.ConsentRevoked) - revokesBefore);
    }

    [Fact]
    public async Task Transfer_completes_transfers_and_conserves_the_money_of_the_population()
    {
        var context = await ReadyContextAsync(_grains);
        var before = await PopulationState.CitiAccountsAsync(_grains, SharedPopulation);

        var transfer = (await RunAsync(OrleansScenarios.Transfer, context)).Scenario(OrleansScenarios.Transfer);

        AssertAllOk(transfer);
        var completed = StatusCount(transfer, "completed");
        Assert.True(completed > 0, $"no completed transfer: {Describe(transfer)}");
        var after = await PopulationState.CitiAccountsAsync(_grains, SharedPopulation);
        Assert.Equal(PopulationState.TotalMinor(before), PopulationState.TotalMinor(after));
        Assert.True(PopulationState.TotalPostings(after) - PopulationState.TotalPostings(before) >= 2 * completed,
            "each completed transfer posts a debit and a credit");
        Assert.Contains(before.Zip(after), p => p.First.Balance != p.Second.Balance);
    }

    [Fact]
    public async Task Notification_fanout_reaches_the_inboxes_of_consenting_users_only()
    {
        var context = await ReadyContextAsync(_grains);

        var fanout = (await RunAsync(OrleansScenarios.NotificationFanout, context)).Scenario(OrleansScenarios.NotificationFanout);

        AssertAllOk(fanout);
        var notified = StatusCount(fanout, "notified");
        Assert.True(notified > 0 && StatusCount(fanout, "not_consented") > 0, $"expected both kinds of user: {Describe(fanout)}");

        // This run's deposits carry its run token in their transaction ids: each one posted to a CHASE account
        // must show up in its owner's inbox exactly when the owner consents to transaction notifications.
        var marker = context.TransactionIdPrefix(OrleansScenarios.NotificationFanout);
        var deposits = await PopulationState.CountHistoryAsync(_grains, SharedPopulation, PopulationOptions.ChaseAccount, e => IsFanout(e.TransactionId, marker));
        Assert.Equal(Iterations, deposits.Values.Sum());
        var expected = deposits.Where(d => SharedPopulation.Consents(d.Key)).Sum(d => d.Value);
        var inbox = await PopulationState.WaitForInboxAsync(_grains, SharedPopulation, m => IsFanout(m.TransactionId, marker), expected, DeliveryDeadline);
        var wrong = SharedPopulation.SliceIndexes()
            .Where(i => inbox[i] != (SharedPopulation.Consents(i) ? deposits[i] : 0))
            .Select(i => $"user {i} (consents: {SharedPopulation.Consents(i)}): {deposits[i]} deposits, {inbox[i]} in the inbox")
            .ToArray();
        Assert.True(wrong.Length == 0, string.Join("; ", wrong));
        Assert.Equal(notified, inbox.Values.Sum());
    }

    private static bool IsFanout(string? transactionId, string marker) => transactionId?.StartsWith(marker, StringComparison.Ordinal) == true;

    [Fact]
    public async Task Mixed_runs_all_five_weighted_scenarios_and_conserves_money()
    {
        var context = await ReadyContextAsync(_grains);
        var citiBefore = PopulationState.TotalMinor(await PopulationState.CitiAccountsAsync(_grains, SharedPopulation));

        var result = await RunAsync(OrleansScenarios.Mixed, context, iterations: 600);

        string[] blend =
        [
            OrleansScenarios.CardAuthorization, OrleansScenarios.MessengerBalanceCheck, OrleansScenarios.NotificationFanout,
            OrleansScenarios.Transfer, OrleansScenarios.ConsentChurn,
        ];
        Assert.Equal(blend.Order(), result.Scenarios.Select(s => s.Name).Order());
        Assert.All(result.Scenarios, AssertAllOk);
        Assert.Equal(600, result.Scenarios.Sum(s => s.OkCount));

        // Card payments are the largest share of the blend (weight 55 of 100), consent changes the smallest (3).
        Assert.True(result.Scenario(OrleansScenarios.CardAuthorization).OkCount > result.Scenario(OrleansScenarios.ConsentChurn).OkCount);
        Assert.Equal(citiBefore, PopulationState.TotalMinor(await PopulationState.CitiAccountsAsync(_grains, SharedPopulation)));
    }

    private Task<long> CountBalanceReadsAsync(AuditOutcome outcome) =>
        PopulationState.CountAuditAsync(_grains, SharedPopulation, e => e.Action == AuditAction.Access && e.Actor == ActorsConstants.MessengerActor
            && e.Bank == "CHASE" && e.Purpose == ConsentPurpose.BalanceView && e.Outcome == outcome);

    private Task<long> CountOffersAsync(AuditAction action) =>
        PopulationState.CountAuditAsync(_grains, SharedPopulation, e => e.Action == action && e.Bank == "CITI" && e.Purpose == ConsentPurpose.Offers);

    private static string Describe(Load.Statistics.ScenarioResult scenario) =>
        $"{scenario.Name}: ok {scenario.OkCount}, fail {scenario.FailCount}, status codes {string.Join(", ", scenario.Global.StatusCodes.Select(c => $"{c.Name}={c.Count}"))}";
}
