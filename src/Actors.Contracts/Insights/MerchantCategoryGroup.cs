namespace Actors.Insights;

/// <summary>
/// Coarse merchant category groups that insights are published by; raw category codes are never
/// published. Which codes fall into which group is documented in <c>MerchantCategoryGroups</c>
/// (Actors.Grains). Values are stored: never renumber.
/// </summary>
[GenerateSerializer, Alias("Actors.Insights.MerchantCategoryGroup")]
public enum MerchantCategoryGroup : byte
{
    Other = 0,
    Grocery = 1,
    Restaurants = 2,
    Fuel = 3,
    Travel = 4,
    Transit = 5,
    Entertainment = 6,
    Retail = 7,
    DigitalGoods = 8,
    Services = 9,
    CashAndFinancial = 10,
}
