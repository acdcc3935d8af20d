using System.CommandLine;

namespace Actors.Simulator.Commands;

/// <summary>The root command and its subcommands.</summary>
public static class SimulatorCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Actors simulator: seeded synthetic bank + Messenger populations, labelled card traffic, trace files, replay into a cluster.\n" +
            "Exit codes: 0 ok, 1 the job failed, 2 bad arguments, configuration or input file.");
        root.Subcommands.Add(GenerateCommand.Build());
        root.Subcommands.Add(InspectCommand.Build());
        root.Subcommands.Add(ReplayCommand.Build());
        root.Subcommands.Add(SplitCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());
        return root;
    }

    /// <summary>Parses and runs; a parse error prints its message and returns <see cref="ExitCodes.BadArguments"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                System.Console.Error.WriteLine($"error: {error.Message}");
            }

            System.Console.Error.WriteLine("Run with --help for usage.");
            return ExitCodes.BadArguments;
        }

        return await parse.InvokeAsync();
    }
}
