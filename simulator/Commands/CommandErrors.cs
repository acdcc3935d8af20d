namespace Actors.Simulator.Commands;

/// <summary>Error reporting shared by the commands.</summary>
internal static class CommandErrors
{
    /// <summary>Prints each error and returns the bad-arguments exit code.</summary>
    public static int Report(IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            System.Console.Error.WriteLine($"error: {error}");
        }

        return ExitCodes.BadArguments;
    }
}
