using System.Globalization;
using Actors.Errors;

namespace Actors.Money;

/// <summary>
/// An exact amount: integer minor units (cents) of one currency. Arithmetic refuses mixed
/// currencies and overflow with a <see cref="DomainException"/>; there is no floating point anywhere.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Money")]
public readonly record struct Money
{
    public Money(long minor, Currency currency)
    {
        if (currency.IsDefault)
        {
            throw new DomainException(DomainError.UnknownCurrency, "Money needs a currency.");
        }

        Minor = minor;
        Currency = currency;
    }

    /// <summary>Amount in minor units (cents for USD, yen for JPY).</summary>
    [Id(0)]
    public long Minor { get; }

    [Id(1)]
    public Currency Currency { get; }

    public bool IsPositive => Minor > 0;

    public static Money Zero(Currency currency) => new(0, currency);

    public static Money FromMinor(long minor, string currency) => new(minor, Currency.Parse(currency));

    /// <summary>From a decimal major amount; refuses more fractional digits than the currency has.</summary>
    public static Money FromMajor(decimal major, Currency currency)
    {
        var scaled = major * Pow10(currency.MinorDigits);
        if (scaled != decimal.Truncate(scaled))
        {
            throw new DomainException(DomainError.InvalidAmount,
                $"Amount {major.ToString(CultureInfo.InvariantCulture)} has more than {currency.MinorDigits} decimal digits for {currency}.");
        }

        if (scaled > long.MaxValue || scaled < long.MinValue)
        {
            throw new DomainException(DomainError.AmountOverflow, $"Amount {major.ToString(CultureInfo.InvariantCulture)} {currency} does not fit in 64-bit minor units.");
        }

        return new Money((long)scaled, currency);
    }

    /// <summary>Parses "12.34 USD" (major units, invariant culture, then the ISO code).</summary>
    public static Money Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new DomainException(DomainError.InvalidAmount, $"Amount '{text}' is not of the form '12.34 USD'.");
        }

        if (!decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var major))
        {
            throw new DomainException(DomainError.InvalidAmount, $"Amount '{parts[0]}' is not a decimal number.");
        }

        return FromMajor(major, Currency.Parse(parts[1]));
    }

    public Money Add(Money other)
    {
        EnsureSameCurrency(other);
        try
        {
            return new Money(checked(Minor + other.Minor), Currency);
        }
        catch (OverflowException)
        {
            throw new DomainException(DomainError.AmountOverflow, $"{this} + {other} overflows 64-bit minor units.");
        }
    }

    public Money Subtract(Money other)
    {
        EnsureSameCurrency(other);
        try
        {
            return new Money(checked(Minor - other.Minor), Currency);
        }
        catch (OverflowException)
        {
            throw new DomainException(DomainError.AmountOverflow, $"{this} - {other} overflows 64-bit minor units.");
        }
    }

    public void EnsureSameCurrency(Money other)
    {
        if (Currency != other.Currency)
        {
            throw new DomainException(DomainError.CurrencyMismatch, $"Currency mismatch: {Currency} and {other.Currency}.");
        }
    }

    public static Money operator +(Money left, Money right) => left.Add(right);

    public static Money operator -(Money left, Money right) => left.Subtract(right);

    public override string ToString()
    {
        if (Currency.IsDefault)
        {
            return "0";
        }

        var digits = Currency.MinorDigits;
        var major = (decimal)Minor / Pow10(digits);
        return string.Create(CultureInfo.InvariantCulture, $"{major.ToString("F" + digits, CultureInfo.InvariantCulture)} {Currency}");
    }

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, digits) };
}
