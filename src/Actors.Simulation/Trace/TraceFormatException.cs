namespace Actors.Simulation.Trace;

/// <summary>
/// A trace file that cannot be read as a trace: unknown version, missing columns, out-of-order
/// timestamps, truncated or corrupt data. The message names the file and the row, line or part.
/// </summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException(string file, string where, string problem, Exception? inner = null)
        : base($"{file}: {where}: {problem}", inner)
    {
        File = file;
        Where = where;
        Problem = problem;
    }

    public TraceFormatException()
        : this("(unknown file)", "(unknown part)", "invalid trace")
    {
    }

    public TraceFormatException(string message)
        : this("(unknown file)", "(unknown part)", message)
    {
    }

    public TraceFormatException(string message, Exception innerException)
        : this("(unknown file)", "(unknown part)", message, innerException)
    {
    }

    public string File { get; } = "";

    /// <summary>Which part of the file: "header", "line 17", "row 1234", "row group 3", "footer".</summary>
    public string Where { get; } = "";

    public string Problem { get; } = "";
}
