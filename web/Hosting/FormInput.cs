using System.Globalization;
using Actors.Users;

namespace Actors.Web.Hosting;

/// <summary>A parsed form field: the value, or a message naming what was wrong (then nothing is changed).</summary>
public readonly record struct Parsed<T>(T Value, string? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// Parsing of what people type into the demo's forms (rate, amount, consent expiry, purpose, fraud pattern).
/// Each returns a message naming the field and the problem, so a bad entry is explained and changes nothing.
/// </summary>
public static class FormInput
{
    /// <summary>The highest traffic rate the control accepts (card payments per second).</summary>
    public const double MaxRate = 1000;

    /// <summary>Longest consent the form grants with an expiry: one year, in minutes.</summary>
    public const int MaxExpiryMinutes = 525_600;

    /// <summary>Largest card payment the demo form sends, in major units.</summary>
    public const decimal MaxAmount = 1_000_000m;

    public static Parsed<double> Rate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail<double>("Rate is empty: enter card payments per second, 0 to 1000.");
        }

        if (!double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate))
        {
            return text.TrimStart().StartsWith('-')
                ? Fail<double>($"Rate '{Clip(text)}' is negative: enter 0 to 1000 card payments per second.")
                : Fail<double>($"Rate '{Clip(text)}' is not a number: enter 0 to 1000 card payments per second.");
        }

        return rate > MaxRate
            ? Fail<double>(string.Create(CultureInfo.InvariantCulture, $"Rate {rate} is too high: at most {MaxRate} card payments per second."))
            : new Parsed<double>(rate, null);
    }

    /// <summary>A positive amount in major units ("12.50"), with no more decimals than <paramref name="currency"/> has.</summary>
    public static Parsed<Money.Money> Amount(string? text, string currency)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail<Money.Money>($"Amount is empty: enter an amount in {currency}, e.g. 12.50.");
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var major))
        {
            return Fail<Money.Money>($"Amount '{Clip(text)}' is not a number: enter an amount in {currency}, e.g. 12.50.");
        }

        if (major <= 0)
        {
            return Fail<Money.Money>($"Amount '{Clip(text)}' must be more than zero.");
        }

        if (major > MaxAmount)
        {
            return Fail<Money.Money>(string.Create(CultureInfo.InvariantCulture, $"Amount '{Clip(text)}' is too large: at most {MaxAmount} {currency} in this demo."));
        }

        var code = Money.Currency.Parse(currency);
        var scaled = major * (decimal)Math.Pow(10, code.MinorDigits);
        return scaled != decimal.Truncate(scaled)
            ? Fail<Money.Money>($"Amount '{Clip(text)}' has more than {code.MinorDigits} decimal digits for {currency}.")
            : new Parsed<Money.Money>(Money.Money.FromMajor(major, code), null);
    }

    /// <summary>Consent expiry in minutes from <paramref name="now"/>; empty means "no expiry" (null).</summary>
    public static Parsed<DateTimeOffset?> Expiry(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Parsed<DateTimeOffset?>(null, null);
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes))
        {
            return Fail<DateTimeOffset?>($"Expiry '{Clip(text)}' is not a whole number of minutes: leave it empty for no expiry, or enter 1 to {MaxExpiryMinutes}.");
        }

        return minutes is < 1 or > MaxExpiryMinutes
            ? Fail<DateTimeOffset?>($"Expiry {minutes} is out of range: enter 1 to {MaxExpiryMinutes} minutes, or leave it empty for no expiry.")
            : new Parsed<DateTimeOffset?>(now.AddMinutes(minutes), null);
    }

    public static Parsed<ConsentPurpose> Purpose(string? text) =>
        Enum.TryParse<ConsentPurpose>(text, ignoreCase: true, out var purpose) && Enum.IsDefined(purpose) && !int.TryParse(text, out _)
            ? new Parsed<ConsentPurpose>(purpose, null)
            : Fail<ConsentPurpose>($"Purpose '{Clip(text ?? "")}' is unknown: use one of {string.Join(", ", Enum.GetNames<ConsentPurpose>())}.");

    private static Parsed<T> Fail<T>(string error) => new(default!, error);

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
