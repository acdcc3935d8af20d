using System.Diagnostics;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>Runs a short command to its end and returns its exit code and output; throws on a non-zero exit when asked.</summary>
public static class Shell
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan deadline)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', info.ArgumentList)}' did not finish within {deadline.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    public static async Task<string> RunCheckedAsync(string file, params string[] args)
    {
        var (exit, output) = await RunAsync(file, args, TimeSpan.FromSeconds(60));
        return exit == 0 ? output : throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' exited with {exit}:\n{output}");
    }

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
