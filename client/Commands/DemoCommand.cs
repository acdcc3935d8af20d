using System.CommandLine;
using Actors.Client.Demo;
using Actors.Client.Infrastructure;
using Spectre.Console;

namespace Actors.Client.Commands;

/// <summary>demo: runs the scripted story against the cluster and fails (exit 1, naming the step) on any surprise.</summary>
public static class DemoCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var command = new Command("demo", "Run a scripted end-to-end story, printing and checking every decision (exit 1 names the first step that differs).");
        runner.Bind(command, _ => async context =>
        {
            var ids = DemoIds.NewRun();
            context.Out.MarkupLine($"[bold]Actors demo[/] against {Markup.Escape(context.ConnectionDescription)}, run {ids.Token}");
            var narrator = new DemoNarrator(context.Out, DemoScript.Steps);
            await new DemoScript(context.Grains, ids, narrator).RunAsync();
            context.Out.WriteLine();
            context.Out.MarkupLine($"[green]demo passed: all {narrator.StepsPassed} steps decided as scripted[/]");
        });
        return command;
    }
}
