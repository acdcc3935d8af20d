using Actors.Client.Infrastructure;

namespace Actors.Client.Tests.Infrastructure;

/// <summary>What one in-process run of the CLI printed and returned; ToString is made for assertion messages.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs <see cref="Cli.RunAsync"/> with captured writers.</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(IClusterConnector? connector, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Cli.RunAsync(args, output, error, connector);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
