using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Actors.Errors;

namespace Actors.Client.Parsing;

/// <summary>
/// Builders for the options several commands share. Ids are plain strings here and checked by the
/// domain's own parsers when the command runs, so that they fail with the domain's typed error; values
/// the parser can check on its own (amounts, enums, durations, dates) fail while parsing, with exit
/// code 2 and one line naming the flag.
/// </summary>
public static class CliOptions
{
    public static Option<string> Required(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = true,
    };

    public static Option<string?> Optional(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
    };

    public static Option<string> User() => Required("--user", "User id (1-64 of A-Z a-z 0-9 _ -).", "id");

    public static Option<string> Bank() => Required("--bank", "Bank id, e.g. CHASE.", "BANK");

    public static Option<string> Account(string name = "--account") => Required(name, "Account id, BANK:local, e.g. CHASE:000123.", "BANK:local");

    /// <summary>--amount "12.34 USD": parsed by <see cref="Money.Money.Parse"/>; what it refuses is a bad flag (exit 2) naming --amount and the domain error.</summary>
    public static Option<Money.Money> Amount(string name = "--amount") => new(name)
    {
        Description = "Amount in major units and its currency, e.g. \"12.34 USD\".",
        HelpName = "\"12.34 USD\"",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            try
            {
                return Money.Money.Parse(text);
            }
            catch (DomainException e)
            {
                result.AddError($"{name} '{text}': {e.Error}: {e.Message}");
                return default;
            }
        },
    };

    public static Option<string?> TransactionId() => Optional("--tx", "Transaction id; repeating one returns the first answer (default: a fresh id).", "id");

    /// <summary>An option whose value is one of <typeparamref name="T"/>'s names (any case); numbers are refused.</summary>
    public static Option<T> Enum<T>(string name, string description, T? defaultValue = null)
        where T : struct, System.Enum
    {
        var option = new Option<T>(name)
        {
            Description = $"{description} One of: {string.Join(", ", System.Enum.GetNames<T>())}.",
            HelpName = string.Join('|', System.Enum.GetNames<T>()),
            Required = defaultValue is null,
            CustomParser = result => ParseEnum<T>(result, name),
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    /// <summary>--expires: an ISO-8601 instant; without an offset it is read as UTC.</summary>
    public static Option<DateTimeOffset?> Instant(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "ISO-8601",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            {
                return instant;
            }

            result.AddError($"{name} '{text}': expected an ISO-8601 date or instant such as 2026-12-31 or 2026-12-31T23:59:00Z.");
            return null;
        },
    };

    /// <summary>--for: a duration such as 30d.</summary>
    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "30d|12h|45m|2w",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DurationParser.TryParse(text, out var duration))
            {
                return duration;
            }

            result.AddError($"{name} '{text}': expected a positive duration of at most 10 years, a number and a unit s, m, h, d or w, e.g. 30d.");
            return null;
        },
    };

    private static T ParseEnum<T>(ArgumentResult result, string name)
        where T : struct, System.Enum
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        foreach (var candidate in System.Enum.GetNames<T>())
        {
            if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
            {
                return System.Enum.Parse<T>(candidate);
            }
        }

        result.AddError($"{name} '{text}': expected one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        return default;
    }
}
