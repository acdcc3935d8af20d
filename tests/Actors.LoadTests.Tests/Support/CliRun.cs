using Actors.Load;

namespace Actors.LoadTests.Tests.Support;

/// <summary>
/// What one in-process run of the loadtests CLI printed and returned: its output and error writers, and
/// <see cref="Stray"/>, anything that reached the process's Console instead (which nothing should). ToString is made
/// for assertion messages.
/// </summary>
public sealed record CliResult(int ExitCode, string Output, string Error, string Stray)
{
    public string All => Output + Error + Stray;

    public override string ToString() => $"exit code {ExitCode}\n--- output ---\n{Output}\n--- error ---\n{Error}\n--- stray console ---\n{Stray}";
}

/// <summary>
/// Runs <see cref="LoadTestsCli.RunAsync"/> with its writers on buffers, and the
/// process-wide Console redirected to a third buffer to catch anything written past them. The Console is
/// process-wide, which is why the assembly runs its tests one at a time; the buffers are synchronized because an
/// embedded silo's background threads may log while the command runs.
/// </summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stray = new StringWriter();
        var strayWriter = TextWriter.Synchronized(stray);
        Console.SetOut(strayWriter);
        Console.SetError(strayWriter);
        int exitCode;
        try
        {
            exitCode = await LoadTestsCli.RunAsync(args, TextWriter.Synchronized(output), TextWriter.Synchronized(error));
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        return new CliResult(exitCode, output.ToString(), error.ToString(), stray.ToString());
    }

    /// <summary>Asserts a bad-argument exit (2) whose message names <paramref name="flag"/>.</summary>
    public static async Task AssertBadArgumentAsync(string flag, params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == ExitCodes.BadConfiguration, $"expected exit code 2 for '{string.Join(' ', args)}', got {result}");
        Assert.True(result.Error.Contains(flag, StringComparison.Ordinal), $"expected the error to name {flag}: {result}");
    }
}
