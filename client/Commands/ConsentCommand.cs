using System.CommandLine;
using Actors.Client.Infrastructure;
using Actors.Client.Parsing;
using Actors.Users;
using Spectre.Console;

namespace Actors.Client.Commands;

/// <summary>consent grant|revoke: the user's explicit, specific, revocable consent for one bank and purpose.</summary>
public static class ConsentCommand
{
    /// <summary>Consents are given and withdrawn by the user themself; the audit log records this actor.</summary>
    public const string Actor = "user";

    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var command = new Command("consent", "Grant or revoke a user's consent for one bank and purpose.");
        command.Subcommands.Add(Grant(runner));
        command.Subcommands.Add(Revoke(runner));
        return command;
    }

    private static Command Grant(CommandRunner runner)
    {
        var (user, bank, purpose) = (CliOptions.User(), CliOptions.Bank(), PurposeOption());
        var expires = CliOptions.Instant("--expires", "When the consent ends (default: never).");
        var duration = CliOptions.Duration("--for", "How long the consent lasts from now, e.g. 30d (instead of --expires).");
        var command = new Command("grant", "Grant a consent (replaces any earlier decision for the same bank and purpose).")
        {
            user, bank, purpose, expires, duration,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(expires) is { Implicit: false } && result.GetResult(duration) is { Implicit: false })
            {
                result.AddError("--expires and --for cannot be used together: give the end instant or the duration, not both.");
            }
        });
        runner.Bind(command, parse =>
        {
            var userId = Ids.User(parse.GetValue(user));
            var bankId = Ids.Bank(parse.GetValue(bank));
            var chosen = parse.GetValue(purpose);
            var expiresAt = parse.GetValue(expires) ?? (parse.GetValue(duration) is { } span ? DateTimeOffset.UtcNow + span : null);
            return async context =>
            {
                var record = await context.Grains.GetGrain<IUserGrain>(userId).GrantConsent(bankId, chosen, expiresAt, Actor);
                var until = record.ExpiresAt is { } at ? $"until {at:O}" : "no expiry";
                context.Out.MarkupLine($"[green]granted[/] {record.Purpose} for {Markup.Escape(record.Bank)} by user {Markup.Escape(userId)} ({until})");
            };
        });
        return command;
    }

    private static Command Revoke(CommandRunner runner)
    {
        var (user, bank, purpose) = (CliOptions.User(), CliOptions.Bank(), PurposeOption());
        var command = new Command("revoke", "Revoke a consent; later reads for that purpose are refused.") { user, bank, purpose };
        runner.Bind(command, parse =>
        {
            var userId = Ids.User(parse.GetValue(user));
            var bankId = Ids.Bank(parse.GetValue(bank));
            var chosen = parse.GetValue(purpose);
            return async context =>
            {
                var record = await context.Grains.GetGrain<IUserGrain>(userId).RevokeConsent(bankId, chosen, Actor);
                context.Out.MarkupLine(record is null
                    ? $"[yellow]nothing to revoke[/]: {chosen} for {Markup.Escape(bankId)} was not in force for user {Markup.Escape(userId)}"
                    : $"[green]revoked[/] {chosen} for {Markup.Escape(bankId)} by user {Markup.Escape(userId)}");
            };
        });
        return command;
    }

    private static Option<ConsentPurpose> PurposeOption() => CliOptions.Enum<ConsentPurpose>("--purpose", "What the consent allows.");
}
