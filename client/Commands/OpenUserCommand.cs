using System.CommandLine;
using Actors.Accounts;
using Actors.Client.Infrastructure;
using Actors.Client.Parsing;
using Actors.Client.Rendering;
using Actors.Domain;
using Actors.Users;
using Spectre.Console;

namespace Actors.Client.Commands;

/// <summary>open-user: registers a user and opens and links each of their accounts (re-running it changes nothing).</summary>
public static class OpenUserCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var user = CliOptions.User();
        var name = CliOptions.Required("--name", "Display name, e.g. \"Alice Smith\".", "text");
        var country = new Option<string>("--country") { Description = "ISO 3166 alpha-2 country.", HelpName = "CC", DefaultValueFactory = _ => "US" };
        var locale = new Option<string>("--locale") { Description = "Locale tag.", HelpName = "tag", DefaultValueFactory = _ => "en_US" };
        var messengerId = CliOptions.Optional("--messenger-id", "Messenger id (default: the user id).", "id");
        var accounts = new Option<string[]>("--account")
        {
            Description = $"Account to open and link, BANK:local[:CUR] (currency default {AccountSpec.DefaultCurrency}); repeat for several.",
            HelpName = "BANK:local[:CUR]",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };

        var command = new Command("open-user", "Register a user, open each account for them in its currency and link it.")
        {
            user, name, country, locale, messengerId, accounts,
        };
        runner.Bind(command, parse =>
        {
            var userId = Ids.User(parse.GetValue(user));
            var profile = UserRules.ValidateProfile(new UserProfile(
                parse.GetValue(name)!, parse.GetValue(locale)!, parse.GetValue(country)!, parse.GetValue(messengerId) ?? userId));
            var specs = parse.GetValue(accounts)!.Select(AccountSpec.Parse).ToArray();
            return context => Run(context, userId, profile, specs);
        });
        return command;
    }

    private static async Task Run(CommandContext context, string userId, UserProfile profile, IReadOnlyList<AccountSpec> specs)
    {
        var userGrain = context.Grains.GetGrain<IUserGrain>(userId);
        await userGrain.Register(profile);
        var opened = new List<AccountSnapshot>();
        foreach (var spec in specs)
        {
            // Open before linking: the user grain checks that the account exists and is owned by this user.
            opened.Add(await context.Grains.GetGrain<IAccountGrain>(spec.AccountId).Open(userId, spec.Currency.Code));
            await userGrain.LinkAccount(spec.AccountId);
        }

        context.Out.MarkupLine($"[green]registered user {Markup.Escape(userId)}[/] ({Markup.Escape(profile.DisplayName)}, {Markup.Escape(profile.Country)}, {Markup.Escape(profile.Locale)}) with {opened.Count} linked account(s)");
        context.Out.Write(Views.Accounts(opened));
    }
}
