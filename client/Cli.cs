using System.CommandLine;
using System.CommandLine.Parsing;
using Actors.Client.Infrastructure;

namespace Actors.Client;

/// <summary>
/// The client's entry point, callable in-process (tests pass their own writers and, optionally, a
/// connector to a cluster they control). Parse errors are reported here, before any command runs,
/// so that they exit with <see cref="ExitCodes.BadArguments"/> rather than the parser's default 1.
/// </summary>
public static class Cli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        IClusterConnector? connector = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var io = new ClientIo(output, error);
        var root = RootCommandFactory.Create(io, connector ?? new ActorsClusterConnector());
        var parse = root.Parse(args);

        // --help (and --version) clear parse errors: "deposit --help" must show help, not "--account is required".
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
            return ExitCodes.BadArguments;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>"Actors.Client consent grant": the words that lead to the command that failed to parse.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new Stack<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult c)
            {
                names.Push(c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
