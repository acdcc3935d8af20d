using Actors.Errors;
using Spectre.Console;

namespace Actors.Client.Demo;

/// <summary>
/// Prints the demo as numbered steps with their decisions, and checks each decision against the
/// script: the first difference (or unexpected error) stops the demo naming the step.
/// </summary>
public sealed class DemoNarrator(IAnsiConsole console, int totalSteps)
{
    private int _step;
    private string _title = "";

    public int StepsPassed { get; private set; }

    public async Task Step(string title, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        _step++;
        _title = title;
        console.WriteLine();
        console.MarkupLine($"[bold]Step {_step}/{totalSteps}: {Markup.Escape(title)}[/]");
        try
        {
            await body();
        }
        catch (Exception e) when (e is not (DemoFailedException or OperationCanceledException))
        {
            throw Differs("the step to run without error", Describe(e));
        }

        StepsPassed++;
    }

    /// <summary>Shows a decision; <paramref name="markup"/> is Spectre markup whose values are already escaped.</summary>
    public void Decision(string markup) => console.MarkupLine($"  -> {markup}");

    /// <summary>Shows plain text (e.g. a table title) indented under the step.</summary>
    public void Note(string text) => console.MarkupLine($"  {Markup.Escape(text)}");

    public void Show(Spectre.Console.Rendering.IRenderable renderable) => console.Write(renderable);

    public void Expect(bool holds, string expected, string actual)
    {
        if (!holds)
        {
            console.MarkupLine($"  [red]FAILED: expected {Markup.Escape(expected)}, got {Markup.Escape(actual)}[/]");
            throw Differs(expected, actual);
        }

        console.MarkupLine($"  [green]ok:[/] {Markup.Escape(expected)}");
    }

    public DemoFailedException Differs(string expected, string actual) => new(_step, _title, expected, actual);

    public static string Describe(Exception e) => e is DomainException d ? $"{d.Error}: {d.Message}" : $"{e.GetType().Name}: {e.Message}";
}
