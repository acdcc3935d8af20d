using Actors.Client.Tests.Infrastructure;

namespace Actors.Client.Tests;

/// <summary>Help, bad flags and bad values: answered in-process, and never by connecting to a cluster.</summary>
public sealed class CliArgumentTests
{
    private readonly NoClusterConnector _connector = new();

    private Task<CliResult> Run(params string[] args) => CliRun.RunAsync(_connector, args);

    [Fact]
    public async Task Help_lists_every_command_and_exits_0()
    {
        var result = await Run("--help");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        foreach (var command in new[] { "open-user", "consent", "deposit", "withdraw", "authorize", "transfer", "balance", "inbox", "audit", "export", "erase", "demo" })
        {
            Assert.True(result.Output.Contains(command, StringComparison.Ordinal), $"help does not list {command}: {result}");
        }

        Assert.Equal(0, _connector.Attempts);
    }

    [Theory]
    [InlineData("deposit --help", "--account --amount --tx")]
    [InlineData("consent grant --help", "--user --bank --purpose --expires --for")]
    [InlineData("balance --help", "--user --bank --as --gateway")]
    public async Task Help_on_a_command_shows_its_options_and_exits_0(string commandLine, string expectedOptions)
    {
        var result = await Run(commandLine.Split(' '));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        foreach (var option in expectedOptions.Split(' '))
        {
            Assert.True(result.Output.Contains(option, StringComparison.Ordinal), $"help lacks {option}: {result}");
        }
    }

    [Theory]
    [InlineData("--acount", "deposit", "--acount", "CHASE:1", "--amount", "1.00 USD")]
    [InlineData("--account", "deposit", "--amount", "1.00 USD")]
    [InlineData("--mcc", "authorize", "--account", "CHASE:1", "--amount", "1.00 USD", "--merchant", "M", "--mcc", "groceries", "--country", "US")]
    [InlineData("--purpose", "consent", "grant", "--user", "alice", "--bank", "CHASE", "--purpose", "Marketing")]
    [InlineData("--for", "consent", "grant", "--user", "alice", "--bank", "CHASE", "--purpose", "Offers", "--for", "3 days")]
    [InlineData("--expires", "consent", "grant", "--user", "alice", "--bank", "CHASE", "--purpose", "Offers", "--expires", "next tuesday")]
    [InlineData("--as", "balance", "--user", "alice", "--bank", "CHASE", "--as", "bank")]
    [InlineData("--gateway", "inbox", "--user", "alice", "--gateway", "localhost")]
    [InlineData("--gateway", "inbox", "--user", "alice", "--gateway", "127.0.0.1:99999")]
    [InlineData("--cluster-id", "inbox", "--user", "alice", "--cluster-id", "no spaces")]
    [InlineData("--connect-timeout", "inbox", "--user", "alice", "--connect-timeout", "0")]
    public async Task Bad_flag_exits_2_and_the_message_names_the_flag(string flag, params string[] args)
    {
        var result = await Run(args);

        Assert.True(result.ExitCode == ExitCodes.BadArguments, result.ToString());
        Assert.True(result.Error.Contains(flag, StringComparison.Ordinal), $"the error does not name {flag}: {result}");
        Assert.Equal(0, _connector.Attempts);
    }

    [Fact]
    public async Task Expires_and_for_together_exit_2()
    {
        var result = await Run("consent", "grant", "--user", "alice", "--bank", "CHASE", "--purpose", "Offers", "--for", "30d", "--expires", "2030-01-01");

        Assert.True(result.ExitCode == ExitCodes.BadArguments, result.ToString());
        Assert.Contains("--expires and --for cannot be used together", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_and_embedded_together_exit_2()
    {
        var result = await Run("--embedded", "--gateway", "127.0.0.1:22112", "demo");

        Assert.True(result.ExitCode == ExitCodes.BadArguments, result.ToString());
        Assert.Contains("--embedded and --gateway cannot be used together", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--embedded and --clustering cannot be used together", "--embedded", "--clustering", "Redis", "--redis", "127.0.0.1:6379", "demo")]
    [InlineData("--gateway names the gateways; --clustering finds them in the membership table", "--gateway", "127.0.0.1:22112", "--clustering", "Redis", "--redis", "127.0.0.1:6379", "demo")]
    [InlineData("--clustering Redis needs --redis", "--clustering", "Redis", "demo")]
    [InlineData("--gateway 'nowhere': expected host:port", "--gateway", "127.0.0.1:22112,nowhere", "demo")]
    [InlineData("--response-timeout 'forever'", "--gateway", "127.0.0.1:22112", "--response-timeout", "forever", "demo")]
    [InlineData("--service-id 'a b'", "--gateway", "127.0.0.1:22112", "--service-id", "a b", "demo")]
    [InlineData("--tls-ca '/no/such/ca.pem': no such file", "--gateway", "127.0.0.1:22112", "--tls-ca", "/no/such/ca.pem", "demo")]
    [InlineData("--tls-cert and --tls-key need --tls-ca", "--gateway", "127.0.0.1:22112", "--tls-cert", "/etc/hostname", "demo")]
    public async Task Contradicting_or_malformed_cluster_flags_exit_2_before_any_connection(string expected, params string[] args)
    {
        var result = await Run(args);

        Assert.True(result.ExitCode == ExitCodes.BadArguments, result.ToString());
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_exits_2()
    {
        var result = await Run();

        Assert.True(result.ExitCode == ExitCodes.BadArguments, result.ToString());
        Assert.Equal(0, _connector.Attempts);
    }

    [Fact]
    public async Task Export_into_a_missing_directory_exits_2_naming_out()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", "alice.json");

        var result = await Run("export", "--user", "alice", "--out", missing);

        Assert.True(result.ExitCode == ExitCodes.BadArguments, result.ToString());
        Assert.Contains("--out", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InvalidAmount", "12,34 USD")]
    [InlineData("InvalidAmount", "abc")]
    [InlineData("InvalidAmount", "12.345 USD")]
    [InlineData("InvalidAmount", "twelve USD")]
    [InlineData("InvalidAmount", "12.00")]
    [InlineData("UnknownCurrency", "12.00 XYZ")]
    public async Task Malformed_amount_exits_2_with_one_line_naming_amount_and_the_domain_error(string error, string amount)
    {
        var result = await Run("deposit", "--account", "CHASE:000123", "--amount", amount);

        Assert.True(result.ExitCode == ExitCodes.BadArguments, result.ToString());
        var errors = result.Error.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.StartsWith($"error: --amount '{amount}': {error}: ", line, StringComparison.Ordinal);
        Assert.Equal(0, _connector.Attempts);
    }

    [Theory]
    [InlineData("withdraw", "--account", "CHASE:1")]
    [InlineData("authorize", "--account", "CHASE:1", "--merchant", "M", "--mcc", "5411", "--country", "US")]
    [InlineData("transfer", "--from", "CHASE:1", "--to", "CITI:2")]
    public async Task Every_command_with_an_amount_refuses_a_malformed_one_with_exit_2(params string[] args)
    {
        var result = await Run([.. args, "--amount", "12,34 USD"]);

        Assert.True(result.ExitCode == ExitCodes.BadArguments, result.ToString());
        Assert.Contains("error: --amount '12,34 USD': InvalidAmount: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _connector.Attempts);
    }

    [Theory]
    [InlineData("deposit", "--account", "chase-000123", "--amount", "1.00 USD")]
    [InlineData("withdraw", "--account", "CHASE:", "--amount", "1.00 USD")]
    [InlineData("deposit", "--account", "CHASE:1", "--amount", "1.00 USD", "--tx", "has space")]
    [InlineData("transfer", "--from", "CHASE:1", "--to", "citi:2", "--amount", "1.00 USD")]
    [InlineData("inbox", "--user", "alice!")]
    [InlineData("balance", "--user", "alice", "--bank", "chase")]
    [InlineData("open-user", "--user", "alice", "--name", "Alice", "--account", "CHASE")]
    public async Task Malformed_id_exits_1_with_MalformedId(params string[] args)
    {
        var result = await Run(args);

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.StartsWith("error: MalformedId: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _connector.Attempts);
    }

    [Fact]
    public async Task Open_user_with_an_unknown_account_currency_exits_1_with_UnknownCurrency()
    {
        var result = await Run("open-user", "--user", "alice", "--name", "Alice", "--account", "CHASE:1:DOGE");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.StartsWith("error: UnknownCurrency: ", result.Error, StringComparison.Ordinal);
    }
}
