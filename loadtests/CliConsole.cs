using Actors.Load.Engine;

namespace Actors.LoadTests;

/// <summary>
/// The writers a command prints to: results and progress on <see cref="Output"/>, errors (and, with --verbose, the
/// libraries' warnings) on <see cref="Error"/>. Nothing in the CLI writes to <see cref="Console"/> itself, so a test (or an
/// embedding program) sees exactly what a user would.
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output ?? throw new ArgumentNullException(nameof(output));

    public TextWriter Error { get; } = error ?? throw new ArgumentNullException(nameof(error));

    /// <summary>The process's own standard output and error.</summary>
    public static CliConsole Standard => new(System.Console.Out, System.Console.Error);

    /// <summary>
    /// True only when <see cref="Output"/> is the process's standard output on a terminal outside CI: the only place
    /// a live table or a progress bar can be redrawn. Pipes, CI logs and any other writer get plain lines.
    /// </summary>
    public bool IsInteractive =>
        ReferenceEquals(Output, System.Console.Out)
        && !System.Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The engine's console mode for <see cref="Output"/>: live only where <see cref="IsInteractive"/>.</summary>
    public ConsoleMode EngineMode => IsInteractive ? ConsoleMode.Live : ConsoleMode.Plain;

}
