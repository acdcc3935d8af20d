using System.CommandLine;
using Actors.Client.Infrastructure;
using Actors.Client.Parsing;
using Actors.Client.Rendering;
using Actors.Users;
using Spectre.Console;

namespace Actors.Client.Commands;

/// <summary>inbox, audit and erase: the user's Messenger-side data and their right to erasure.</summary>
public static class UserDataCommands
{
    public static Command Inbox(CommandRunner runner) => Create(runner, "inbox", "Show a user's Messenger inbox (newest last).", async (context, userId) =>
    {
        var messages = await context.Grains.GetGrain<IUserGrain>(userId).GetInbox();
        context.Out.MarkupLine($"inbox of {Markup.Escape(userId)}: {messages.Count} message(s)");
        if (messages.Count > 0)
        {
            context.Out.Write(Views.Inbox(messages));
        }
    });

    public static Command Audit(CommandRunner runner) => Create(runner, "audit", "Show a user's audit log: consent changes and every read of their bank data.", async (context, userId) =>
    {
        var entries = await context.Grains.GetGrain<IUserGrain>(userId).GetAuditLog();
        context.Out.MarkupLine($"audit log of {Markup.Escape(userId)}: {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}");
        if (entries.Count > 0)
        {
            context.Out.Write(Views.Audit(entries));
        }
    });

    public static Command Erase(CommandRunner runner) => Create(runner, "erase", "Erase a user's Messenger-side data and links (right to erasure); cannot be undone.", async (context, userId) =>
    {
        await context.Grains.GetGrain<IUserGrain>(userId).Erase(ConsentCommand.Actor);
        context.Out.MarkupLine($"[green]erased user {Markup.Escape(userId)}[/]: profile, links, consents, audit log and inbox removed");
    });

    private static Command Create(CommandRunner runner, string name, string description, Func<CommandContext, string, Task> run)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var user = CliOptions.User();
        var command = new Command(name, description) { user };
        runner.Bind(command, parse =>
        {
            var userId = Ids.User(parse.GetValue(user));
            return context => run(context, userId);
        });
        return command;
    }
}
