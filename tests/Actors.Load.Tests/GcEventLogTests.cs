using System.Globalization;
using Actors.Load.Statistics;

namespace Actors.Load.Tests;

/// <summary>The GC log turns the runtime's own collection events into one line each.</summary>
public sealed class GcEventLogTests
{
    private static readonly string[] Generations = ["gen0_kb", "gen1_kb", "gen2_kb"];

    [Fact]
    public async Task A_forced_full_collection_shows_as_a_gen2_line_with_its_pause()
    {
        using var log = new GcEventLog();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string[]? line = null;
        while (line is null)
        {
            // The runtime delivers its events to listeners asynchronously: collect, then look, until one arrives.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            await Task.Delay(50);
            line = log.Lines.Select(l => l.Split(' ')).FirstOrDefault(f => f[1] == "2");
            Assert.True(line is not null || DateTime.UtcNow < deadline, "no gen2 collection line within 30 s of forced collections");
        }

        var columns = GcEventLog.Header.Split(' ');
        Assert.Equal(columns.Length, line.Length);
        var pause = double.Parse(line[Array.IndexOf(columns, "pause_ms")], CultureInfo.InvariantCulture);
        var suspend = double.Parse(line[Array.IndexOf(columns, "suspend_ms")], CultureInfo.InvariantCulture);
        Assert.InRange(suspend, 0, pause); // suspending the threads is part of the pause
        var heap = Generations.Sum(c => long.Parse(line[Array.IndexOf(columns, c)], CultureInfo.InvariantCulture));
        Assert.True(heap > 0, string.Join(' ', line)); // this test process holds a heap: the sizes were read from the event
    }
}
