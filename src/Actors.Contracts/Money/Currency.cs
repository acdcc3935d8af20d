using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Actors.Errors;

namespace Actors.Money;

/// <summary>
/// An ISO-4217 currency that this platform knows, with its number of minor-unit digits.
/// Only codes in the table are accepted: an unknown code is a typed error, not a new currency.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Currency")]
public readonly record struct Currency
{
    private static readonly FrozenDictionary<string, (string Code, int Digits)> Table = new (string Code, int Digits)[]
    {
        ("USD", 2), ("EUR", 2), ("GBP", 2), ("CHF", 2), ("SEK", 2), ("NOK", 2), ("DKK", 2),
        ("PLN", 2), ("CZK", 2), ("HUF", 2), ("RON", 2), ("CAD", 2), ("AUD", 2), ("MXN", 2),
        ("BRL", 2), ("INR", 2), ("CNY", 2), ("JPY", 0), ("KRW", 0), ("BHD", 3), ("KWD", 3),
    }.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);

    private Currency(string code) => Code = code;

    [Id(0)]
    public string Code { get; }

    /// <summary>Digits after the decimal point (2 for USD, 0 for JPY).</summary>
    public int MinorDigits => Code is null ? 0 : Table[Code].Digits;

    public static readonly Currency USD = new("USD");
    public static readonly Currency EUR = new("EUR");
    public static readonly Currency GBP = new("GBP");
    public static readonly Currency PLN = new("PLN");
    public static readonly Currency SEK = new("SEK");
    public static readonly Currency JPY = new("JPY");

    public static IEnumerable<string> KnownCodes => Table.Keys;

    public bool IsDefault => Code is null;

    public static Currency Parse(string? code) =>
        TryParse(code, out var currency)
            ? currency
            : throw new DomainException(DomainError.UnknownCurrency, $"Unknown currency '{code}': expected an ISO-4217 code such as USD or EUR.");

    public static bool TryParse([NotNullWhen(true)] string? code, out Currency currency)
    {
        if (code is not null && Table.TryGetValue(code, out var entry))
        {
            // Use the table's own string instance so every Currency in memory shares one code string.
            currency = new Currency(entry.Code);
            return true;
        }

        currency = default;
        return false;
    }

    public override string ToString() => Code ?? "???";
}
