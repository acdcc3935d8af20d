using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Tests;

/// <summary>Small worlds and temporary folders shared by the tests.</summary>
internal static class TestSupport
{
    private static readonly Lazy<(World World, TraceEvent[] Events)> Statistics = new(() =>
    {
        // Big enough for stable statistics (about 105,000 card payments, as 6,000 users made at generator
        // 1.2.0's 2.5 a day), small enough to build in about a second.
        var world = WorldBuilder.Build(new SimulationOptions { Seed = 7, Users = 10_000, Days = 7, Fraud = new FraudRates().ScaledTo(0.01) });
        return (world, new TrafficGenerator(world).ToArray());
    });

    public static (World World, TraceEvent[] Events) StatisticsTrace => Statistics.Value;

    /// <param name="followUps">False: no refunds, chargebacks or ATM withdrawals (format 3's events), so the trace can be written in formats 1 and 2 too.</param>
    public static World Small(long seed = 42, int users = 200, int days = 1, double? fraud = null, bool followUps = true) =>
        WorldBuilder.Build(new SimulationOptions
        {
            Seed = seed,
            Users = users,
            Days = days,
            Fraud = fraud is { } f ? new FraudRates().ScaledTo(f) : new FraudRates(),
            RefundRate = followUps ? SimulationOptions.DefaultRefundRate : 0,
            AtmWithdrawalsPerDay = followUps ? SimulationOptions.DefaultAtmWithdrawalsPerDay : 0,
            LabelNoise = followUps ? SimulationOptions.DefaultLabelNoise : 0,
            UnreportedFraudShare = followUps ? SimulationOptions.DefaultUnreportedFraudShare : 1,
        });

    public static async Task<string> WriteAsync(World world, string directory, string name, IEnumerable<TraceEvent>? events = null)
    {
        var path = Path.Combine(directory, name);
        await TraceFile.WriteAsync(path, TraceHeader.For(world), events ?? new TrafficGenerator(world));
        return path;
    }

    /// <summary>The 1-based line of a JSON Lines trace that holds the event of this seq (checksum lines sit between events).</summary>
    public static async Task<int> LineOfSeqAsync(string path, long seq)
    {
        var lines = await File.ReadAllLinesAsync(path);
        var prefix = "{\"seq\":" + seq.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",";
        return Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal)) + 1;
    }

    /// <summary>Runs the command line with its console output and error stream captured (tests of it run in <see cref="ConsoleCollection"/>).</summary>
    public static async Task<(int Code, string Output, string Error)> RunCapturedAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Console;
        var previousError = Console.Error;
        Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });
        Console.SetError(error);
        try
        {
            var code = await Actors.Simulator.Commands.SimulatorCommand.RunAsync(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Spectre.Console.AnsiConsole.Console = console;
            Console.SetError(previousError);
        }
    }

    public static async Task<List<TraceEvent>> ReadAllAsync(string path)
    {
        await using var reader = await TraceFile.OpenAsync(path);
        var events = new List<TraceEvent>();
        await foreach (var e in reader.ReadEventsAsync())
        {
            events.Add(e);
        }

        return events;
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("actors-sim-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
