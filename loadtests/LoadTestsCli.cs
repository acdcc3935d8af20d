using System.CommandLine;
using Actors.Hosting;
using Actors.Load;
using Actors.LoadTests.Commands;
using Microsoft.Extensions.Options;

namespace Actors.LoadTests;

/// <summary>The <c>loadtests</c> command line: run, capacity, model, bench, merge.</summary>
public static class LoadTestsCli
{
    public static RootCommand Build() => Build(CliConsole.Standard);

    /// <summary>The command tree, printing to <paramref name="console"/>'s writers.</summary>
    public static RootCommand Build(CliConsole console)
    {
        var common = new CommonOptions(console);
        var root = new RootCommand("Actors load tests: scenarios in NBomber's model against an embedded silo (default) or a running cluster (--gateway).");
        root.Subcommands.Add(RunCommand.Create(common));
        root.Subcommands.Add(CapacityCommand.Create(common));
        root.Subcommands.Add(ModelCommand.Create(common));
        root.Subcommands.Add(BenchCommand.Create(common));
        root.Subcommands.Add(MergeCommand.Create(common));
        return root;
    }

    /// <summary>
    /// Runs the command line, printing results and progress to <paramref name="output"/> and errors to
    /// <paramref name="error"/> (one line each, no stack traces). Exit codes: 0 passed, 1 a threshold was breached
    /// or the job failed, 2 bad arguments or configuration. <paramref name="cancellationToken"/> ends the command as Ctrl+C does.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parse = Build(new CliConsole(output, error)).Parse(args);

        // --help clears parse errors: "run --help" must show help, not "--scenario is required".
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine("Run with --help for usage.");
            return ExitCodes.BadConfiguration;
        }

        try
        {
            // Exceptions reach the handlers below, which map them to this tool's exit codes.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error }, cancellationToken);
        }
        catch (Exception e) when (e is LoadConfigurationException or OptionsValidationException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadConfiguration;
        }
        catch (ClusterUnreachableException e)
        {
            // Says everything a person can act on (the address, the wait, why); the stack would only bury it.
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.ThresholdBreached;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled");
            return ExitCodes.ThresholdBreached;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.ThresholdBreached;
        }
    }
}
