using Actors.Money;

namespace Actors.Tests.Support;

/// <summary>Short ways to write amounts in minor units, so a test reads as the figures it checks.</summary>
internal static class Amounts
{
    public static Money.Money Usd(long minor) => new(minor, Currency.USD);

    public static Money.Money Eur(long minor) => new(minor, Currency.EUR);
}
