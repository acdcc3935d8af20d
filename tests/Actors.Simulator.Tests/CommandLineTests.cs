using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary>The command line in-process: exit codes and files (output goes to the test's console).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Generate_then_inspect_succeed()
    {
        var path = _folder.File("t.jsonl");
        Assert.Equal(ExitCodes.Ok, await SimulatorCommand.RunAsync(["generate", "--seed", "42", "--users", "50", "--days", "1", "--out", path]));
        Assert.True(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
        Assert.Equal(ExitCodes.Ok, await SimulatorCommand.RunAsync(["inspect", path]));
    }

    [Theory]
    [InlineData("generate", "--users", "0", "--out", "x.parquet")]
    [InlineData("generate", "--days", "999", "--out", "x.parquet")]
    [InlineData("generate", "--users", "10", "--out", "x.csv")]
    [InlineData("generate", "--users", "ten", "--out", "x.parquet")]
    [InlineData("generate", "--users", "10")]
    [InlineData("generate", "--start", "06/01/2025", "--out", "x.parquet")]
    [InlineData("inspect", "does-not-exist.parquet")]
    [InlineData("replay", "--speed", "fast", "t.parquet")]
    [InlineData("replay")]
    [InlineData("bench", "--users", "x")]
    [InlineData("no-such-command")]
    public async Task Bad_arguments_exit_with_code_2(params string[] args)
    {
        Assert.Equal(ExitCodes.BadArguments, await SimulatorCommand.RunAsync(args));
    }

    [Fact]
    public async Task Inspecting_a_corrupt_trace_exits_with_code_2()
    {
        var path = _folder.File("bad.jsonl");
        await File.WriteAllTextAsync(path, "{not json\n");
        Assert.Equal(ExitCodes.BadArguments, await SimulatorCommand.RunAsync(["inspect", path]));
    }

    [Fact]
    public async Task Help_is_available_on_every_command()
    {
        foreach (var command in new[] { "generate", "inspect", "replay", "split", "bench" })
        {
            Assert.Equal(ExitCodes.Ok, await SimulatorCommand.RunAsync([command, "--help"]));
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
