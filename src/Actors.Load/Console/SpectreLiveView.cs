using System.Globalization;
using Spectre.Console;

namespace Actors.Load.Console;

/// <summary>
/// The live console: one row per scenario with progress, ok/fail counts, current RPS (counted each refresh) and
/// the p99 of the last reporting interval. Refreshes once a second; never touches the statistics themselves.
/// </summary>
internal sealed class SpectreLiveView(IAnsiConsole console) : ILiveView
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    public async Task RunAsync(IReadOnlyList<LiveScenario> scenarios, Task completion)
    {
        var previous = scenarios.Select(_ => 0L).ToArray();
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Actors load run[/]");
        foreach (var column in new[] { "scenario", "progress", "ok", "fail", "rps", "p99 (last interval)", "in flight", "late starts" })
        {
            table.AddColumn(column);
        }

        foreach (var scenario in scenarios)
        {
            table.AddRow(scenario.Collector.Name, "", "", "", "", "", "", "");
        }

        await console.Live(table).AutoClear(false).StartAsync(async context =>
        {
            while (true)
            {
                var done = completion.IsCompleted;
                for (var i = 0; i < scenarios.Count; i++)
                {
                    var s = scenarios[i];
                    var total = s.Collector.Global.OkCount + s.Collector.Global.FailCount;
                    var rps = (total - previous[i]) / Refresh.TotalSeconds;
                    previous[i] = total;
                    table.UpdateCell(i, 1, Progress(s));
                    table.UpdateCell(i, 2, s.Collector.Global.OkCount.ToString("N0", CultureInfo.InvariantCulture));
                    table.UpdateCell(i, 3, s.Collector.Global.FailCount.ToString("N0", CultureInfo.InvariantCulture));
                    table.UpdateCell(i, 4, rps.ToString("N0", CultureInfo.InvariantCulture));
                    table.UpdateCell(i, 5, $"{s.Collector.Live.P99Ms:0.##} ms");
                    table.UpdateCell(i, 6, s.Collector.InFlight.ToString(CultureInfo.InvariantCulture));
                    table.UpdateCell(i, 7, s.Collector.LateStarts.ToString(CultureInfo.InvariantCulture));
                }

                context.Refresh();
                if (done)
                {
                    break;
                }

                await Task.WhenAny(completion, Task.Delay(Refresh));
            }
        });
    }

    private static string Progress(LiveScenario scenario)
    {
        var elapsed = scenario.Elapsed();
        if (scenario.PlannedDuration is not { } planned || planned <= TimeSpan.Zero)
        {
            return $"{elapsed.TotalSeconds:0}s";
        }

        var fraction = Math.Clamp(elapsed / planned, 0, 1);
        var filled = (int)(fraction * 20);
        return $"[green]{new string('█', filled)}[/]{new string('░', 20 - filled)} {fraction:P0}";
    }
}
