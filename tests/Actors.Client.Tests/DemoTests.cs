using System.Text.RegularExpressions;
using Actors.Accounts;
using Actors.Client.Demo;
using Actors.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client.Tests;

/// <summary>The demo is an end-to-end check: it passes on a correct cluster and names the step where one misbehaves.</summary>
public sealed partial class DemoTests(EmbeddedClusterFixture cluster) : IClassFixture<EmbeddedClusterFixture>
{
    [Fact]
    public async Task Demo_on_an_embedded_silo_passes_every_step()
    {
        var result = await CliRun.RunAsync(connector: null, "demo", "--embedded");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        for (var step = 1; step <= DemoScript.Steps; step++)
        {
            Assert.True(result.Output.Contains($"Step {step}/{DemoScript.Steps}: ", StringComparison.Ordinal), $"step {step} missing: {result}");
        }

        foreach (var decision in new[] { "is Missing", "OK: CHASE:", "declined (InsufficientFunds", "(replayed)", "completed", "declined (AccountFrozen", "(unfamiliar_device)",
                     "is Cleared", "(impossible_travel", "is ConfirmedFraud", "owner reported fraud", "is Revoked", "top-level fields: UserId", "UserErased", "demo passed" })
        {
            Assert.True(result.Output.Contains(decision, StringComparison.Ordinal), $"'{decision}' missing: {result}");
        }
    }

    [Fact]
    public async Task Demo_answers_its_fraud_alerts_on_the_real_account_it_was_me_clears_and_not_me_freezes()
    {
        var result = await CliRun.RunAsync(cluster.Connector, "demo");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var ids = new DemoIds(RunToken().Match(result.Output).Groups[1].Value);

        // The account outlives alice's erasure (a bank keeps its books): what the demo's answers did is still there.
        var citi = cluster.Grains.GetGrain<IAccountGrain>(ids.Citi);
        var alerts = (await citi.GetAlerts()).ToDictionary(a => a.TransactionId, a => a.Status);
        var snapshot = await citi.GetSnapshot();
        var again = (await citi.GetHistory(50)).Single(h => h.TransactionId == ids.Tx("london-again"));

        Assert.Equal(FraudAlertStatus.Cleared, alerts[ids.Tx("book-phone")]);
        Assert.Equal(FraudAlertStatus.ConfirmedFraud, alerts[ids.Tx("london")]);
        Assert.Equal((AccountStatus.Frozen, $"owner reported fraud on {ids.Tx("london")}"), (snapshot.Status, snapshot.FrozenReason));
        Assert.Equal((PostingOutcome.Declined, DeclineReason.AccountFrozen), (again.Outcome, again.Reason));
    }

    [Fact]
    public async Task Demo_fails_naming_the_cloned_card_step_when_impossible_travel_is_not_detected()
    {
        var blind = new ConfiguredEmbeddedConnector(new Dictionary<string, string?> { ["Actors:Fraud:ImpossibleTravel:Enabled"] = "false" });

        var result = await CliRun.RunAsync(blind, "demo");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.True(result.Error.Contains("demo step 13 (A clone of the CITI card is used in London", StringComparison.Ordinal), result.ToString());
        Assert.DoesNotContain($"Step 14/{DemoScript.Steps}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_fails_naming_the_retry_step_when_the_cluster_forgets_transaction_ids()
    {
        // With a one-millisecond idempotency horizon the retry of the approved payment comes too late: it is refused
        // (transaction_id_expired) instead of being replayed, and the demo must notice and fail at step 8. The silo's
        // clock moves 10 ms a reading, so the retry is past the horizon however quickly it follows (on a fast machine
        // the real clock moved less than a millisecond between the payment and its retry, and the retry was replayed).
        var forgetful = new ConfiguredEmbeddedConnector(
            new Dictionary<string, string?> { ["Actors:Accounts:IdempotencyHorizon"] = "00:00:00.001" },
            services => services.AddSingleton<TimeProvider>(new AdvancingClock()));

        var result = await CliRun.RunAsync(forgetful, "demo");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.True(result.Error.Contains("demo step 8 (The card network retries the grocery payment", StringComparison.Ordinal), result.ToString());
        Assert.DoesNotContain($"Step 9/{DemoScript.Steps}", result.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@", run ([0-9a-f]+)")]
    private static partial Regex RunToken();
}
