using System.CommandLine;
using Actors.Accounts;
using Actors.Client.Infrastructure;
using Actors.Client.Parsing;
using Actors.Client.Rendering;
using Actors.Users;
using Spectre.Console;

namespace Actors.Client.Commands;

/// <summary>
/// balance: the user's own view (account snapshots straight from the bank side) or the Messenger
/// partner's view, which is gated by BalanceView consent at that moment and audited either way.
/// </summary>
public static class BalanceCommand
{
    public enum Viewer
    {
        User,
        Messenger,
    }

    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var (user, bank) = (CliOptions.User(), CliOptions.Bank());
        var viewer = CliOptions.Enum<Viewer>("--as", "Who reads: the user themself, or the Messenger partner (consent-gated).", Viewer.User);
        var command = new Command("balance", "Show a user's balances at one bank.") { user, bank, viewer };
        runner.Bind(command, parse =>
        {
            var userId = Ids.User(parse.GetValue(user));
            var bankId = Ids.Bank(parse.GetValue(bank));
            return parse.GetValue(viewer) == Viewer.Messenger
                ? context => AsMessenger(context, userId, bankId)
                : context => AsUser(context, userId, bankId);
        });
        return command;
    }

    private static async Task AsMessenger(CommandContext context, string userId, string bank)
    {
        var result = await context.Grains.GetGrain<IUserGrain>(userId).GetBalanceForMessenger(bank, ActorsConstants.MessengerActor);
        context.Out.MarkupLine(Views.MessengerRead(userId, bank, result));
        if (result.Balances.Count > 0)
        {
            context.Out.Write(Views.MessengerBalances(result.Balances));
        }
    }

    private static async Task AsUser(CommandContext context, string userId, string bank)
    {
        var user = await context.Grains.GetGrain<IUserGrain>(userId).Get();
        var accounts = user.LinkedAccounts.Where(a => Ids.BankOf(a) == bank).ToArray();
        if (accounts.Length == 0)
        {
            context.Out.MarkupLine($"[yellow]user {Markup.Escape(userId)} has no linked account at {Markup.Escape(bank)}[/]");
            return;
        }

        var snapshots = await Task.WhenAll(accounts.Select(a => context.Grains.GetGrain<IAccountGrain>(a).GetSnapshot()));
        context.Out.Write(Views.Accounts(snapshots));
    }
}
