namespace Actors.Insights;

/// <summary>
/// Maps an ISO 18245 merchant category code to the coarse <see cref="MerchantCategoryGroup"/> that
/// insights are published by. Single codes are too fine to publish: in a small region one code can
/// be one merchant. The table (first matching row wins, so exceptions precede their ranges):
/// <code>
/// Grocery          5411 supermarkets, 5422 meat, 5441 confectionery, 5451 dairy, 5462 bakeries, 5499 food stores
/// Restaurants      5811 caterers, 5812 restaurants, 5813 bars, 5814 fast food
/// Fuel             5541 service stations, 5542 fuel dispensers, 5552 EV charging, 5983 fuel dealers
/// Travel           3000-3999 airlines, car rental, hotels; 4411 cruises; 4511 airlines; 4722 travel agencies;
///                  7011 lodging; 7512 car rental
/// Transit          4111 commuter transport, 4112 rail, 4121 taxis, 4131 bus lines, 4784 tolls, 4789 transport
/// DigitalGoods     5815-5818 digital media, games, apps
/// Entertainment    7832 cinemas, 7841 video, 7911-7999 recreation (7995 gambling included, see below)
/// CashAndFinancial 4829 money transfer, 6010-6012 cash, 6051 quasi-cash and crypto, 6211 brokers, 6540 stored value
/// Other            4000-4999 other transport and utilities, 5912 pharmacies, 5122 drugs, 5975-5976 medical aids,
///                  8000-8099 health, 7273 dating, 8398 charities, 8641-8699 civic, political and religious bodies
/// Retail           5000-5999 not matched above (stores, clothing, electronics, department stores, books)
/// Services         7000-7999 and 8000-8999 not matched above (personal and business services, schools)
/// Other            everything else (0-2999, 9000-9999 government, ...)
/// </code>
/// Codes that reveal a special category of personal data (GDPR art. 9: health, sex life, political or
/// religious belief) are deliberately folded into Other, so no published bucket is about them alone.
/// Gambling stays inside Entertainment for the same reason.
/// </summary>
public static class MerchantCategoryGroups
{
    public const int MaxCode = 9999;

    private static readonly (int From, int To, MerchantCategoryGroup Group)[] Rows =
    [
        (5411, 5411, MerchantCategoryGroup.Grocery), (5422, 5422, MerchantCategoryGroup.Grocery),
        (5441, 5441, MerchantCategoryGroup.Grocery), (5451, 5451, MerchantCategoryGroup.Grocery),
        (5462, 5462, MerchantCategoryGroup.Grocery), (5499, 5499, MerchantCategoryGroup.Grocery),
        (5811, 5814, MerchantCategoryGroup.Restaurants),
        (5541, 5542, MerchantCategoryGroup.Fuel), (5552, 5552, MerchantCategoryGroup.Fuel), (5983, 5983, MerchantCategoryGroup.Fuel),
        (3000, 3999, MerchantCategoryGroup.Travel), (4411, 4411, MerchantCategoryGroup.Travel), (4511, 4511, MerchantCategoryGroup.Travel),
        (4722, 4722, MerchantCategoryGroup.Travel), (7011, 7011, MerchantCategoryGroup.Travel), (7512, 7512, MerchantCategoryGroup.Travel),
        (4111, 4112, MerchantCategoryGroup.Transit), (4121, 4121, MerchantCategoryGroup.Transit), (4131, 4131, MerchantCategoryGroup.Transit),
        (4784, 4784, MerchantCategoryGroup.Transit), (4789, 4789, MerchantCategoryGroup.Transit),
        (5815, 5818, MerchantCategoryGroup.DigitalGoods),
        (7832, 7832, MerchantCategoryGroup.Entertainment), (7841, 7841, MerchantCategoryGroup.Entertainment),
        (7911, 7999, MerchantCategoryGroup.Entertainment),
        (4829, 4829, MerchantCategoryGroup.CashAndFinancial), (6010, 6012, MerchantCategoryGroup.CashAndFinancial),
        (6051, 6051, MerchantCategoryGroup.CashAndFinancial), (6211, 6211, MerchantCategoryGroup.CashAndFinancial),
        (6540, 6540, MerchantCategoryGroup.CashAndFinancial),
        (4000, 4999, MerchantCategoryGroup.Other),
        (5912, 5912, MerchantCategoryGroup.Other), (5122, 5122, MerchantCategoryGroup.Other), (5975, 5976, MerchantCategoryGroup.Other),
        (8000, 8099, MerchantCategoryGroup.Other), (7273, 7273, MerchantCategoryGroup.Other), (8398, 8398, MerchantCategoryGroup.Other),
        (8641, 8699, MerchantCategoryGroup.Other),
        (5000, 5999, MerchantCategoryGroup.Retail),
        (7000, 8999, MerchantCategoryGroup.Services),
    ];

    // Resolved once into a 10 KB lookup so the hot path is one array read, not a table scan.
    private static readonly MerchantCategoryGroup[] Lookup = BuildLookup();

    /// <summary>The group of <paramref name="code"/>; codes outside 0-9999 throw (validate first with <see cref="IsValid"/>).</summary>
    public static MerchantCategoryGroup Of(int code) =>
        IsValid(code) ? Lookup[code] : throw new ArgumentOutOfRangeException(nameof(code), code, "A merchant category code is 0-9999.");

    public static bool IsValid(int code) => code is >= 0 and <= MaxCode;

    private static MerchantCategoryGroup[] BuildLookup()
    {
        var lookup = new MerchantCategoryGroup[MaxCode + 1];
        for (var code = 0; code <= MaxCode; code++)
        {
            var row = Array.FindIndex(Rows, r => code >= r.From && code <= r.To);
            lookup[code] = row < 0 ? MerchantCategoryGroup.Other : Rows[row].Group;
        }

        return lookup;
    }
}
