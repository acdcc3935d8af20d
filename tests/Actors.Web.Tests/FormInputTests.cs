using Actors.Users;
using Actors.Web.Hosting;

namespace Actors.Web.Tests;

/// <summary>What people type into the demo's forms: good entries parse, bad ones get a message naming the field and the problem.</summary>
public sealed class FormInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12.5", 12.5)]
    [InlineData(" 1000 ", 1000)]
    public void Rate_accepts_0_to_1000(string text, double expected) => Assert.Equal(expected, FormInput.Rate(text).Value);

    [Theory]
    [InlineData("abc", "Rate 'abc' is not a number")]
    [InlineData("-5", "Rate '-5' is negative")]
    [InlineData("5000", "Rate 5000 is too high")]
    [InlineData("1e9", "Rate '1e9' is not a number")]
    [InlineData("", "Rate is empty")]
    [InlineData(null, "Rate is empty")]
    public void Rate_refuses_bad_entries_naming_the_problem(string? text, string message)
    {
        var parsed = FormInput.Rate(text);

        Assert.False(parsed.Ok);
        Assert.StartsWith(message, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Amount_parses_major_units_in_the_accounts_currency()
    {
        var parsed = FormInput.Amount("12.50", "EUR");

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(1250, parsed.Value.Minor);
        Assert.Equal("EUR", parsed.Value.Currency.Code);
    }

    [Theory]
    [InlineData("abc", "USD", "Amount 'abc' is not a number")]
    [InlineData("-3", "USD", "Amount '-3' must be more than zero")]
    [InlineData("0", "USD", "Amount '0' must be more than zero")]
    [InlineData("1.234", "USD", "Amount '1.234' has more than 2 decimal digits for USD")]
    [InlineData("1.5", "JPY", "Amount '1.5' has more than 0 decimal digits for JPY")]
    [InlineData("99999999999", "USD", "Amount '99999999999' is too large")]
    [InlineData(" ", "USD", "Amount is empty")]
    public void Amount_refuses_bad_entries_naming_the_problem(string text, string currency, string message)
    {
        var parsed = FormInput.Amount(text, currency);

        Assert.False(parsed.Ok);
        Assert.StartsWith(message, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Expiry_empty_means_no_expiry_and_minutes_count_from_now()
    {
        Assert.Null(FormInput.Expiry("", Now).Value);
        Assert.True(FormInput.Expiry(null, Now).Ok);
        Assert.Equal(Now.AddMinutes(30), FormInput.Expiry("30", Now).Value);
    }

    [Theory]
    [InlineData("soon", "Expiry 'soon' is not a whole number of minutes")]
    [InlineData("1.5", "Expiry '1.5' is not a whole number of minutes")]
    [InlineData("0", "Expiry 0 is out of range")]
    [InlineData("-10", "Expiry -10 is out of range")]
    [InlineData("9999999", "Expiry 9999999 is out of range")]
    public void Expiry_refuses_bad_entries_naming_the_problem(string text, string message)
    {
        var parsed = FormInput.Expiry(text, Now);

        Assert.False(parsed.Ok);
        Assert.StartsWith(message, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Purpose_accepts_names_only()
    {
        Assert.Equal(ConsentPurpose.FraudAlerts, FormInput.Purpose("fraudalerts").Value);
        Assert.Contains("BalanceView", FormInput.Purpose("3").Error, StringComparison.Ordinal);
        Assert.StartsWith("Purpose 'Spying' is unknown", FormInput.Purpose("Spying").Error, StringComparison.Ordinal);
    }
}
