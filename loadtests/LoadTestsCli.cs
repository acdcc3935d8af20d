using System.CommandLine;
using Actors.Load;
using Actors.LoadTests.Commands;
using Microsoft.Extensions.Options;

namespace Actors.LoadTests;

/// <summary>The <c>loadtests</c> command line: run, capacity, model, bench, merge.</summary>
public static class LoadTestsCli
{
    public static RootCommand Build()
    {
        var common = new CommonOptions();
        var root = new RootCommand("Actors load tests: scenarios in NBomber's model against an embedded silo (default) or a running cluster (--gateway).");
        root.Subcommands.Add(RunCommand.Create(common));
        root.Subcommands.Add(CapacityCommand.Create(common));
        root.Subcommands.Add(ModelCommand.Create(common));
        root.Subcommands.Add(BenchCommand.Create(common));
        root.Subcommands.Add(MergeCommand.Create());
        return root;
    }

    /// <summary>Exit codes: 0 passed, 1 a threshold was breached or the job failed, 2 bad arguments or configuration.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);

        // --help clears parse errors: "run --help" must show help, not "--scenario is required".
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }

            Console.Error.WriteLine("Run with --help for usage.");
            return ExitCodes.BadConfiguration;
        }

        try
        {
            // Exceptions reach the handlers below, which map them to this tool's exit codes.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is LoadConfigurationException or OptionsValidationException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadConfiguration;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return ExitCodes.ThresholdBreached;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.ThresholdBreached;
        }
    }
}
