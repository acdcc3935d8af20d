using Actors.Client.Tests.Infrastructure;

namespace Actors.Client.Tests;

/// <summary>The demo is an end-to-end check: it passes on a correct cluster and names the step where one misbehaves.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_on_an_embedded_silo_passes_every_step()
    {
        var result = await CliRun.RunAsync(connector: null, "demo", "--embedded");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        for (var step = 1; step <= 14; step++)
        {
            Assert.True(result.Output.Contains($"Step {step}/14: ", StringComparison.Ordinal), $"step {step} missing: {result}");
        }

        foreach (var decision in new[] { "is Missing", "OK: CHASE:", "declined (InsufficientFunds", "(replayed)", "completed", "declined (AccountFrozen", "is Revoked", "top-level fields: UserId", "UserErased", "demo passed" })
        {
            Assert.True(result.Output.Contains(decision, StringComparison.Ordinal), $"'{decision}' missing: {result}");
        }
    }

    [Fact]
    public async Task Demo_fails_naming_the_retry_step_when_the_cluster_forgets_transaction_ids()
    {
        // With a one-millisecond idempotency horizon the retry of the approved payment comes too late: it is refused
        // (transaction_id_expired) instead of being replayed, and the demo must notice and fail at step 8.
        var forgetful = new ConfiguredEmbeddedConnector(new Dictionary<string, string?> { ["Actors:Accounts:IdempotencyHorizon"] = "00:00:00.001" });

        var result = await CliRun.RunAsync(forgetful, "demo");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.True(result.Error.Contains("demo step 8 (The card network retries the grocery payment", StringComparison.Ordinal), result.ToString());
        Assert.DoesNotContain("Step 9/14", result.Output, StringComparison.Ordinal);
    }
}
