using Actors.Errors;
using Actors.Money;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("12.34", "USD", 1234)]
    [InlineData("0.01", "EUR", 1)]
    [InlineData("500", "JPY", 500)]
    [InlineData("1.234", "BHD", 1234)]
    [InlineData("-7.5", "GBP", -750)]
    public void FromMajor_converts_to_exact_minor_units(string major, string currency, long expectedMinor)
    {
        var money = Money.Money.FromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), Currency.Parse(currency));

        Assert.Equal(expectedMinor, money.Minor);
        Assert.Equal(currency, money.Currency.Code);
    }

    [Theory]
    [InlineData("12.345", "USD")]
    [InlineData("1.5", "JPY")]
    public void FromMajor_with_more_decimals_than_the_currency_has_is_refused(string major, string currency)
    {
        DomainAssert.Throws(DomainError.InvalidAmount,
            () => Money.Money.FromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), Currency.Parse(currency)),
            major, currency);
    }

    [Fact]
    public void FromMajor_beyond_64_bit_minor_units_is_an_overflow()
    {
        DomainAssert.Throws(DomainError.AmountOverflow, () => Money.Money.FromMajor(100_000_000_000_000_000m, Currency.USD), "100000000000000000", "64-bit");
    }

    [Theory]
    [InlineData("12.34 USD", 1234, "USD")]
    [InlineData("  3 JPY ", 3, "JPY")]
    [InlineData("0.50 EUR", 50, "EUR")]
    public void Parse_reads_major_amount_and_currency_code(string text, long minor, string currency)
    {
        var money = Money.Money.Parse(text);

        Assert.Equal(new Money.Money(minor, Currency.Parse(currency)), money);
    }

    [Theory]
    [InlineData("12.34")]
    [InlineData("12.34 USD extra")]
    [InlineData("")]
    public void Parse_of_text_not_shaped_amount_space_code_is_refused(string text)
    {
        DomainAssert.Throws(DomainError.InvalidAmount, () => Money.Money.Parse(text), $"'{text}'", "12.34 USD");
    }

    [Theory]
    [InlineData("USD 12.34", "USD")]
    [InlineData("12,34 USD", "12,34")]
    [InlineData("1e3 USD", "1e3")]
    public void Parse_of_a_non_decimal_amount_names_it(string text, string named)
    {
        DomainAssert.Throws(DomainError.InvalidAmount, () => Money.Money.Parse(text), named);
    }

    [Theory]
    [InlineData("12.34 XYZ", "XYZ")]
    [InlineData("12.34 usd", "usd")]
    public void Parse_with_an_unknown_currency_is_refused(string text, string code)
    {
        DomainAssert.Throws(DomainError.UnknownCurrency, () => Money.Money.Parse(text), $"'{code}'");
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("")]
    [InlineData(null)]
    public void Currency_parse_refuses_codes_outside_the_table(string? code)
    {
        DomainAssert.Throws(DomainError.UnknownCurrency, () => Currency.Parse(code), "Unknown currency");
        Assert.False(Currency.TryParse(code, out _));
    }

    [Fact]
    public void Money_without_a_currency_cannot_be_made()
    {
        DomainAssert.Throws(DomainError.UnknownCurrency, () => _ = new Money.Money(100, default), "currency");
    }

    [Fact]
    public void Adding_and_subtracting_the_same_currency_is_exact()
    {
        Assert.Equal(Amounts.Usd(1_001), Amounts.Usd(1_000) + Amounts.Usd(1));
        Assert.Equal(Amounts.Usd(-1), Amounts.Usd(1_000) - Amounts.Usd(1_001));
    }

    [Fact]
    public void Adding_mixed_currencies_is_refused_and_names_both()
    {
        DomainAssert.Throws(DomainError.CurrencyMismatch, () => _ = Amounts.Usd(100) + Amounts.Eur(100), "USD", "EUR");
        DomainAssert.Throws(DomainError.CurrencyMismatch, () => _ = Amounts.Usd(100) - Amounts.Eur(100), "USD", "EUR");
    }

    [Fact]
    public void Arithmetic_past_64_bits_is_an_overflow_not_a_wraparound()
    {
        DomainAssert.Throws(DomainError.AmountOverflow, () => _ = Amounts.Usd(long.MaxValue) + Amounts.Usd(1), "overflows");
        DomainAssert.Throws(DomainError.AmountOverflow, () => _ = Amounts.Usd(long.MinValue) - Amounts.Usd(1), "overflows");
    }

    [Theory]
    [InlineData(1234, "USD", "12.34 USD")]
    [InlineData(-5, "EUR", "-0.05 EUR")]
    [InlineData(700, "JPY", "700 JPY")]
    [InlineData(1, "KWD", "0.001 KWD")]
    public void ToString_prints_major_units_with_the_currency_digits(long minor, string currency, string expected)
    {
        Assert.Equal(expected, Money.Money.FromMinor(minor, currency).ToString());
    }
}
