using Actors.Money;

namespace Actors.Insights.Tests.Support;

/// <summary>Insight events for tests: valid by default, with the user key and amount a test cares about.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Monday = new(2030, 3, 4, 12, 0, 0, TimeSpan.Zero);

    public static InsightEvent Grocery(string region, ulong user, long minor, string currency = "EUR", DateTimeOffset? at = null) =>
        new(5411, region, Money.Money.FromMinor(minor, currency), at ?? Monday, user);

    public static InsightEvent At(int mcc, string region, ulong user, long minor, string currency = "EUR") =>
        new(mcc, region, Money.Money.FromMinor(minor, currency), Monday, user);

    /// <summary>User keys that look like real pseudonyms (large, spread out), distinct for distinct <paramref name="n"/>.</summary>
    public static ulong UserKey(int n) => 0x9E37_79B9_7F4A_7C15UL * (ulong)(n + 1);

    public static Currency Eur => Currency.EUR;
}
