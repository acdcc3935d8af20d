using System.CommandLine;
using Actors.Accounts;
using Actors.Client.Infrastructure;
using Actors.Client.Parsing;
using Actors.Client.Rendering;

namespace Actors.Client.Commands;

/// <summary>freeze and unfreeze: the bank side's switch that makes card authorizations decline with a reason.</summary>
public static class FreezeCommands
{
    public static Command Freeze(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var account = CliOptions.Account();
        var reason = CliOptions.Required("--reason", "Why the account is frozen (shown in declines), 1-200 characters.", "text");
        var command = new Command("freeze", "Freeze an account: card authorizations decline with the reason.") { account, reason };
        runner.Bind(command, parse =>
        {
            var accountId = Ids.Account(parse.GetValue(account));
            var why = parse.GetValue(reason)!;
            return async context => context.Out.Write(Views.Accounts([await context.Grains.GetGrain<IAccountGrain>(accountId).Freeze(why)]));
        });
        return command;
    }

    public static Command Unfreeze(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var account = CliOptions.Account();
        var command = new Command("unfreeze", "Make a frozen account active again.") { account };
        runner.Bind(command, parse =>
        {
            var accountId = Ids.Account(parse.GetValue(account));
            return async context => context.Out.Write(Views.Accounts([await context.Grains.GetGrain<IAccountGrain>(accountId).Unfreeze()]));
        });
        return command;
    }
}
