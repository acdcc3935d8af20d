using Actors.Errors;

namespace Actors.Client.Parsing;

/// <summary>An account to open, written BANK:local[:CUR] on the command line (currency defaults to USD).</summary>
public sealed record AccountSpec(string AccountId, string Bank, Money.Currency Currency)
{
    public const string DefaultCurrency = "USD";

    /// <exception cref="DomainException">The account id or currency is malformed.</exception>
    public static AccountSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            throw new DomainException(DomainError.MalformedId, $"--account '{text}': expected BANK:local or BANK:local:CUR, e.g. CHASE:000123:USD.");
        }

        var accountId = Ids.Account($"{parts[0]}:{parts[1]}");
        var currency = Money.Currency.Parse(parts.Length == 3 ? parts[2] : DefaultCurrency);
        return new AccountSpec(accountId, parts[0], currency);
    }
}
