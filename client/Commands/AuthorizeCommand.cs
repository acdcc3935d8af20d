using System.CommandLine;
using Actors.Accounts;
using Actors.Client.Infrastructure;
using Actors.Client.Parsing;
using Actors.Client.Rendering;
using Spectre.Console;

namespace Actors.Client.Commands;

/// <summary>authorize: a card payment, approved or declined with a reason (a decline still exits 0: it is an answer).</summary>
public static class AuthorizeCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var (account, amount, tx) = (CliOptions.Account(), CliOptions.Amount(), CliOptions.TransactionId());
        var merchant = CliOptions.Required("--merchant", "Merchant id as the card network sends it.", "id");
        var mcc = new Option<int>("--mcc") { Description = "ISO 18245 merchant category code, e.g. 5411 (groceries).", HelpName = "0-9999", Required = true };
        var country = CliOptions.Required("--country", "ISO 3166 alpha-2 country of the merchant, e.g. US.", "CC");
        var command = new Command("authorize", "Authorize a card payment against an account.") { account, amount, merchant, mcc, country, tx };
        runner.Bind(command, parse =>
        {
            var accountId = Ids.Account(parse.GetValue(account));
            var request = new CardAuthorization(
                TransactionIds.OrNew(parse.GetValue(tx), "tx", "--tx"),
                parse.GetValue(amount),
                parse.GetValue(merchant)!,
                parse.GetValue(mcc),
                parse.GetValue(country)!);
            return async context =>
            {
                var result = await context.Grains.GetGrain<IAccountGrain>(accountId).Authorize(request);
                context.Out.MarkupLine(Views.Posting(result));
            };
        });
        return command;
    }
}
