using Spectre.Console;

namespace Actors.Client.Infrastructure;

/// <summary>
/// Where a command writes: results to <see cref="Out"/> (tables and colours on a terminal, plain text
/// when redirected or captured, so scripts and tests see no escape codes), errors as plain lines to
/// <see cref="Error"/>, and raw text such as exported JSON to <see cref="RawOut"/> without wrapping.
/// </summary>
public sealed class ClientIo
{
    // Wide enough that tables of ids and amounts do not wrap when the output is not a terminal.
    private const int RedirectedWidth = 200;

    public ClientIo(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        RawOut = output;
        Error = error;
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            Out.Profile.Width = RedirectedWidth;
        }
    }

    public IAnsiConsole Out { get; }

    public TextWriter RawOut { get; }

    public TextWriter Error { get; }
}
