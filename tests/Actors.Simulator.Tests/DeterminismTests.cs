using System.Diagnostics;

namespace Actors.Simulator.Tests;

/// <summary>The simulator executable run as separate processes: same seed, same bytes; another seed, other bytes.</summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("parquet")]
    [InlineData("jsonl")]
    public async Task Two_processes_with_one_seed_write_the_same_bytes_and_another_seed_differs(string extension)
    {
        var first = _folder.File("first." + extension);
        var second = _folder.File("second." + extension);
        var other = _folder.File("other." + extension);
        await Task.WhenAll(
            Generate(42, first),
            Generate(42, second),
            Generate(43, other));

        var bytes = await File.ReadAllBytesAsync(first);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(second));
        Assert.NotEqual(bytes, await File.ReadAllBytesAsync(other));
    }

    private static async Task Generate(long seed, string path)
    {
        var simulator = Path.Combine(AppContext.BaseDirectory, "Actors.Simulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { simulator, "generate", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--users", "300", "--days", "2", "--fraud-rate", "0.01", "--out", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"simulator exited {process.ExitCode}: {await output} {await error}");
    }
}
