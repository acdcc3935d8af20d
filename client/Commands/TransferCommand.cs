using System.CommandLine;
using Actors.Client.Infrastructure;
using Actors.Client.Parsing;
using Actors.Client.Rendering;
using Spectre.Console;
using Actors.Transfers;

namespace Actors.Client.Commands;

/// <summary>transfer: moves money between two accounts through the transfer saga (idempotent by --id).</summary>
public static class TransferCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var from = CliOptions.Account("--from");
        var to = CliOptions.Account("--to");
        var amount = CliOptions.Amount();
        var id = CliOptions.Optional("--id", "Transfer id; repeating one returns the recorded result (default: a fresh id).", "id");
        var command = new Command("transfer", "Transfer an amount from one account to another.") { from, to, amount, id };
        runner.Bind(command, parse =>
        {
            var request = new TransferRequest(
                TransactionIds.OrNew(parse.GetValue(id), "tr", "--id"),
                Ids.Account(parse.GetValue(from), "--from account id"),
                Ids.Account(parse.GetValue(to), "--to account id"),
                parse.GetValue(amount));
            return async context =>
            {
                var result = await context.Grains.GetGrain<ITransferGrain>(request.TransferId).Execute(request);
                context.Out.MarkupLine(Views.Transfer(result));
            };
        });
        return command;
    }
}
