using Actors.Load;
using Actors.LoadTests.Tests.Support;

namespace Actors.LoadTests.Tests.Cli;

/// <summary>
/// Help and bad arguments: all answered before any silo starts, so these are fast. Bad input exits 2
/// with a message that names the flag at fault.
/// </summary>
public sealed class CliArgumentTests
{
    [Fact]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        var result = await CliRun.RunAsync("--help");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        foreach (var command in new[] { "run", "capacity", "model", "bench", "merge" })
        {
            Assert.Contains(command, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_help_shows_its_options_even_without_the_required_scenario()
    {
        var result = await CliRun.RunAsync("run", "--help");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("--scenario", result.Output, StringComparison.Ordinal);
        Assert.Contains("--threshold", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public Task Run_without_scenario_exits_2_naming_it() =>
        CliRun.AssertBadArgumentAsync("--scenario", "run", "--rate", "10");

    [Fact]
    public Task Unknown_scenario_exits_2_naming_the_flag() =>
        CliRun.AssertBadArgumentAsync("--scenario", "run", "--scenario", "no_such_scenario", "--rate", "10");

    [Fact]
    public async Task Unknown_scenario_error_lists_the_valid_names()
    {
        var result = await CliRun.RunAsync("run", "--scenario", "pong", "--rate", "10");

        Assert.Contains("card_authorization", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Actors:Notifications:Transport")]
    [InlineData("=Direct")]
    [InlineData("Actors::Transport=Direct")]
    public Task Malformed_silo_setting_exits_2_naming_the_flag(string setting) =>
        CliRun.AssertBadArgumentAsync("--silo-setting", "run", "--scenario", "ping", "--rate", "10", "--silo-setting", setting);

    [Fact]
    public Task Silo_setting_with_a_gateway_exits_2_naming_both() =>
        CliRun.AssertBadArgumentAsync("--gateway", "run", "--scenario", "ping", "--rate", "10", "--gateway", "127.0.0.1:1", "--silo-setting", "Actors:Notifications:Transport=Stream");

    [Fact]
    public Task Silo_setting_the_silo_refuses_exits_2_naming_the_setting() =>
        CliRun.AssertBadArgumentAsync("Actors:Notifications:Transport", "run", "--scenario", "ping", "--rate", "10", "--duration", "1s", "--silo-setting", "Actors:Notifications:Transport=Carrier");

    [Fact]
    public Task Bench_with_zero_ping_rounds_exits_2_naming_the_flag() =>
        CliRun.AssertBadArgumentAsync("--ping-rounds", "bench", "--ping-rounds", "0", "--memory-users", "0");

    [Fact]
    public Task Missing_load_shape_exits_2_naming_rate_and_copies() =>
        CliRun.AssertBadArgumentAsync("--rate", "run", "--scenario", "ping");

    [Fact]
    public async Task Rate_and_copies_together_exit_2_naming_both()
    {
        var result = await CliRun.RunAsync("run", "--scenario", "ping", "--rate", "10", "--copies", "4");

        Assert.True(result.ExitCode == ExitCodes.BadConfiguration, result.ToString());
        Assert.Contains("--rate", result.Error, StringComparison.Ordinal);
        Assert.Contains("--copies", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rate", "0")]
    [InlineData("--rate", "-5")]
    [InlineData("--copies", "0")]
    public Task Non_positive_rate_or_copies_exits_2_naming_the_flag(string flag, string value) =>
        CliRun.AssertBadArgumentAsync(flag, "run", "--scenario", "ping", flag, value);

    [Theory]
    [InlineData("abc")]
    [InlineData("0s")]
    [InlineData("-3s")]
    [InlineData("10x")]
    [InlineData("8d")]
    public Task Bad_duration_exits_2_naming_the_flag(string duration) =>
        CliRun.AssertBadArgumentAsync("--duration", "run", "--scenario", "ping", "--rate", "10", "--duration", duration);

    [Fact]
    public Task Bad_warm_up_exits_2_naming_the_flag() =>
        CliRun.AssertBadArgumentAsync("--warm-up", "run", "--scenario", "ping", "--rate", "10", "--warm-up", "soon");

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("x")]
    [InlineData("1/0")]
    [InlineData("1/2/3")]
    [InlineData("-1/3")]
    public Task Bad_agent_exits_2_naming_the_flag(string agent) =>
        CliRun.AssertBadArgumentAsync("--agent", "run", "--scenario", "ping", "--rate", "10", "--agent", agent);

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    public Task Consent_percent_outside_0_to_100_exits_2_naming_the_flag(string percent) =>
        CliRun.AssertBadArgumentAsync("--consent-percent", "run", "--scenario", "ping", "--rate", "10", "--consent-percent", percent);

    [Theory]
    [InlineData("p99<<5ms")]
    [InlineData("p42<5ms")]
    [InlineData("p99<5parsecs")]
    [InlineData("fast")]
    public Task Bad_threshold_exits_2_naming_the_flag(string threshold) =>
        CliRun.AssertBadArgumentAsync("--threshold", "run", "--scenario", "ping", "--rate", "10", "--threshold", threshold);

    [Fact]
    public Task Unknown_option_exits_2_naming_it() =>
        CliRun.AssertBadArgumentAsync("--frobnicate", "run", "--scenario", "ping", "--rate", "10", "--frobnicate");

    [Fact]
    public Task Merge_of_a_missing_folder_exits_2_naming_it() =>
        CliRun.AssertBadArgumentAsync("no-such-run-folder", "merge", Path.Combine(Path.GetTempPath(), "no-such-run-folder"));

    [Fact]
    public async Task Merge_of_a_folder_without_histograms_exits_2()
    {
        using var empty = new TempFolder();

        var result = await CliRun.RunAsync("merge", empty.Path, "--out", empty.Sub("merged"));

        Assert.True(result.ExitCode == ExitCodes.BadConfiguration, result.ToString());
    }

    [Fact]
    public async Task Merge_of_corrupt_histograms_exits_2_naming_the_file()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.Sub("histograms.json"), "{ not json");

        var result = await CliRun.RunAsync("merge", folder.Path, "--out", folder.Sub("merged"));

        Assert.True(result.ExitCode == ExitCodes.BadConfiguration, result.ToString());
        Assert.Contains("histograms.json", result.Error, StringComparison.Ordinal);
    }
}
