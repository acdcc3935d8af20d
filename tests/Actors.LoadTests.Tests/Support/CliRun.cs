using Actors.Load;

namespace Actors.LoadTests.Tests.Support;

/// <summary>What one in-process run of the loadtests CLI printed and returned; ToString is made for assertion messages.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>
/// Runs <see cref="LoadTestsCli.RunAsync"/> with Console.Out and Console.Error redirected to buffers.
/// The writers are process-wide, which is why the assembly runs its tests one at a time; they are
/// synchronized because an embedded silo's background threads may log while the command runs.
/// </summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(output));
        Console.SetError(TextWriter.Synchronized(error));
        int exitCode;
        try
        {
            exitCode = await LoadTestsCli.RunAsync(args);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Asserts a bad-argument exit (2) whose message names <paramref name="flag"/>.</summary>
    public static async Task AssertBadArgumentAsync(string flag, params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == ExitCodes.BadConfiguration, $"expected exit code 2 for '{string.Join(' ', args)}', got {result}");
        Assert.True(result.Error.Contains(flag, StringComparison.Ordinal), $"expected the error to name {flag}: {result}");
    }
}
