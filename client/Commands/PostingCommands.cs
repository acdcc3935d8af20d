using System.CommandLine;
using Actors.Accounts;
using Actors.Client.Infrastructure;
using Actors.Client.Parsing;
using Actors.Client.Rendering;
using Spectre.Console;

namespace Actors.Client.Commands;

/// <summary>deposit and withdraw: one posting each, idempotent by transaction id.</summary>
public static class PostingCommands
{
    public static Command Deposit(CommandRunner runner) =>
        Create(runner, "deposit", "Deposit an amount into an account.", (account, tx, amount) => account.Deposit(tx, amount));

    public static Command Withdraw(CommandRunner runner) =>
        Create(runner, "withdraw", "Withdraw an amount from an account (declined on insufficient funds or a frozen account).",
            (account, tx, amount) => account.Withdraw(tx, amount));

    private static Command Create(CommandRunner runner, string name, string description,
        Func<IAccountGrain, string, Money.Money, Task<PostingResult>> post)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var (account, amount, tx) = (CliOptions.Account(), CliOptions.Amount(), CliOptions.TransactionId());
        var command = new Command(name, description) { account, amount, tx };
        runner.Bind(command, parse =>
        {
            var accountId = Ids.Account(parse.GetValue(account));
            var money = parse.GetValue(amount);
            var txId = TransactionIds.OrNew(parse.GetValue(tx), "tx", "--tx");
            return async context =>
            {
                var result = await post(context.Grains.GetGrain<IAccountGrain>(accountId), txId, money);
                context.Out.MarkupLine(Views.Posting(result));
            };
        });
        return command;
    }
}
