namespace Actors.Client.Demo;

/// <summary>A demo step whose decision differed from the script: the demo is an end-to-end check, so this fails the run.</summary>
public sealed class DemoFailedException(int step, string title, string expected, string actual)
    : Exception($"demo step {step} ({title}) differs from the script: expected {expected}, got {actual}.")
{
    public int Step { get; } = step;

    public string Title { get; } = title;
}
