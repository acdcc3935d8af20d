using Actors.Client.Tests.Infrastructure;

namespace Actors.Client.Tests;

/// <summary>
/// Single commands against one embedded silo shared by the class: each command is a separate CLI
/// run, so what one writes and the next reads went through the cluster. Ids are unique per test.
/// </summary>
public sealed class CommandTests(EmbeddedClusterFixture cluster) : IClassFixture<EmbeddedClusterFixture>
{
    private readonly string _user = $"u{Guid.NewGuid():N}"[..20];

    private string Chase => $"CHASE:{_user}";

    private string Citi => $"CITI:{_user}";

    [Fact]
    public async Task Open_user_and_deposit_show_in_the_users_own_balance()
    {
        await OpenUser();

        await Ok("deposit", "--account", Chase, "--amount", "120.50 USD");
        var balance = await Ok("balance", "--user", _user, "--bank", "CHASE", "--as", "user");

        Assert.True(balance.Output.Contains("120.50 USD", StringComparison.Ordinal), balance.ToString());
    }

    [Fact]
    public async Task Messenger_balance_needs_consent_and_shows_the_balance_once_granted()
    {
        await OpenUser();
        await Ok("deposit", "--account", Chase, "--amount", "10.00 USD");

        var denied = await Ok("balance", "--user", _user, "--bank", "CHASE", "--as", "messenger");
        await Ok("consent", "grant", "--user", _user, "--bank", "CHASE", "--purpose", "balanceview", "--for", "30d");
        var allowed = await Ok("balance", "--user", _user, "--bank", "CHASE", "--as", "messenger");

        Assert.True(denied.Output.Contains("ConsentRequired: BalanceView for CHASE is Missing", StringComparison.Ordinal), denied.ToString());
        Assert.DoesNotContain("10.00 USD", denied.Output, StringComparison.Ordinal);
        Assert.True(allowed.Output.Contains("OK", StringComparison.Ordinal) && allowed.Output.Contains("10.00 USD", StringComparison.Ordinal), allowed.ToString());
    }

    [Fact]
    public async Task Revoked_consent_is_reported_as_revoked_and_audited()
    {
        await OpenUser();
        await Ok("consent", "grant", "--user", _user, "--bank", "CHASE", "--purpose", "BalanceView");
        await Ok("consent", "revoke", "--user", _user, "--bank", "CHASE", "--purpose", "BalanceView");

        var read = await Ok("balance", "--user", _user, "--bank", "CHASE", "--as", "messenger");
        var audit = await Ok("audit", "--user", _user);

        Assert.True(read.Output.Contains("ConsentRequired: BalanceView for CHASE is Revoked", StringComparison.Ordinal), read.ToString());
        Assert.True(audit.Output.Contains("ConsentRevoked", StringComparison.Ordinal) && audit.Output.Contains("Denied", StringComparison.Ordinal), audit.ToString());
    }

    [Fact]
    public async Task Card_payment_beyond_the_balance_is_declined_and_still_exits_0()
    {
        await OpenUser();
        await Ok("deposit", "--account", Chase, "--amount", "5.00 USD");

        var result = await Ok("authorize", "--account", Chase, "--amount", "6.00 USD", "--merchant", "SHOP-1", "--mcc", "5411", "--country", "US");

        Assert.True(result.Output.Contains("declined (InsufficientFunds", StringComparison.Ordinal), result.ToString());
    }

    [Fact]
    public async Task Repeating_a_transaction_id_returns_the_first_answer_without_charging_twice()
    {
        await OpenUser();
        await Ok("deposit", "--account", Chase, "--amount", "50.00 USD", "--tx", "salary-1");

        var first = await Ok("withdraw", "--account", Chase, "--amount", "20.00 USD", "--tx", "atm-1");
        var again = await Ok("withdraw", "--account", Chase, "--amount", "20.00 USD", "--tx", "atm-1");

        Assert.True(first.Output.Contains("balance 30.00 USD", StringComparison.Ordinal) && !first.Output.Contains("replayed", StringComparison.Ordinal), first.ToString());
        Assert.True(again.Output.Contains("balance 30.00 USD (replayed)", StringComparison.Ordinal), again.ToString());
    }

    [Fact]
    public async Task Transfer_moves_money_and_notifies_the_inbox_when_consented()
    {
        await OpenUser();
        await Ok("deposit", "--account", Chase, "--amount", "100.00 USD");
        await Ok("consent", "grant", "--user", _user, "--bank", "CHASE", "--purpose", "TransactionNotifications");

        var transfer = await Ok("transfer", "--from", Chase, "--to", Citi, "--amount", "40.00 USD", "--id", $"rent-{_user}");
        var citi = await Ok("balance", "--user", _user, "--bank", "CITI");

        // Notifications travel on the inbox stream: poll the inbox command until it shows the transfer.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var inbox = await Ok("inbox", "--user", _user);
        while (!inbox.Output.Contains($"rent-{_user}", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            inbox = await Ok("inbox", "--user", _user);
        }

        Assert.True(transfer.Output.Contains("completed", StringComparison.Ordinal), transfer.ToString());
        Assert.True(citi.Output.Contains("40.00 USD", StringComparison.Ordinal), citi.ToString());
        Assert.True(inbox.Output.Contains($"rent-{_user}", StringComparison.Ordinal), inbox.ToString());
    }

    [Fact]
    public async Task Frozen_account_declines_card_payments_with_the_reason()
    {
        await OpenUser();
        await Ok("deposit", "--account", Chase, "--amount", "100.00 USD");
        await Ok("freeze", "--account", Chase, "--reason", "lost card");

        var result = await Ok("authorize", "--account", Chase, "--amount", "1.00 USD", "--merchant", "SHOP-1", "--mcc", "5411", "--country", "US");

        Assert.True(result.Output.Contains("declined (AccountFrozen: account is frozen: lost card)", StringComparison.Ordinal), result.ToString());
    }

    [Fact]
    public async Task Export_to_a_file_writes_the_users_json()
    {
        await OpenUser();
        var file = Path.Combine(Path.GetTempPath(), $"export-{_user}.json");
        try
        {
            var result = await Ok("export", "--user", _user, "--out", file);

            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
            Assert.Equal(_user, json.RootElement.GetProperty("UserId").GetString());
            Assert.True(result.Output.Contains("bytes to", StringComparison.Ordinal), result.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unknown_account_exits_1_with_AccountNotFound()
    {
        var result = await Run("deposit", "--account", $"CHASE:none-{_user}", "--amount", "1.00 USD");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.StartsWith("error: AccountNotFound: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Currency_mismatch_exits_1_and_leaves_the_balance_unchanged()
    {
        await OpenUser();
        await Ok("deposit", "--account", Chase, "--amount", "3.00 USD");

        var result = await Run("deposit", "--account", Chase, "--amount", "3.00 EUR");
        var balance = await Ok("balance", "--user", _user, "--bank", "CHASE");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.StartsWith("error: CurrencyMismatch: ", result.Error, StringComparison.Ordinal);
        Assert.True(balance.Output.Contains("3.00 USD", StringComparison.Ordinal), balance.ToString());
    }

    [Fact]
    public async Task After_erasure_reads_exit_1_with_UserErased()
    {
        await OpenUser();
        await Ok("erase", "--user", _user);

        var result = await Run("balance", "--user", _user, "--bank", "CHASE", "--as", "messenger");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.StartsWith("error: UserErased: ", result.Error, StringComparison.Ordinal);
    }

    private Task OpenUser() =>
        Ok("open-user", "--user", _user, "--name", "Test User", "--account", Chase, "--account", $"{Citi}:USD");

    private Task<CliResult> Run(params string[] args) => CliRun.RunAsync(cluster.Connector, args);

    private async Task<CliResult> Ok(params string[] args)
    {
        var result = await Run(args);
        Assert.True(result.ExitCode == ExitCodes.Ok, $"{string.Join(' ', args)} failed: {result}");
        return result;
    }
}
