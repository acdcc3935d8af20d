using Actors.Money;

namespace Actors.Fraud.Tests.Support;

/// <summary>Builds authorization contexts with ordinary defaults, so each test states only what matters to it.</summary>
internal static class Authorizations
{
    /// <summary>A Monday, midnight UTC: test timelines are offsets from here.</summary>
    public static readonly DateTimeOffset Monday = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);

    public static AuthorizationContext At(
        DateTimeOffset at,
        long amountMinor = 4_000,
        string merchant = "M-GROCER",
        int category = 5411,
        string country = "US",
        string? home = "US") =>
        new("BANK:0001", new Money.Money(amountMinor, Currency.USD), merchant, category, country, at, home, new Money.Money(1_000_000, Currency.USD));
}
