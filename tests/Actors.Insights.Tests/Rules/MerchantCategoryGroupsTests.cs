namespace Actors.Insights.Tests.Rules;

public sealed class MerchantCategoryGroupsTests
{
    [Theory]
    [InlineData(5411, MerchantCategoryGroup.Grocery)]
    [InlineData(5499, MerchantCategoryGroup.Grocery)]
    [InlineData(5812, MerchantCategoryGroup.Restaurants)]
    [InlineData(5814, MerchantCategoryGroup.Restaurants)]
    [InlineData(5541, MerchantCategoryGroup.Fuel)]
    [InlineData(5542, MerchantCategoryGroup.Fuel)]
    [InlineData(3000, MerchantCategoryGroup.Travel)]
    [InlineData(3999, MerchantCategoryGroup.Travel)]
    [InlineData(4511, MerchantCategoryGroup.Travel)]
    [InlineData(7011, MerchantCategoryGroup.Travel)]
    [InlineData(4111, MerchantCategoryGroup.Transit)]
    [InlineData(5815, MerchantCategoryGroup.DigitalGoods)]
    [InlineData(7832, MerchantCategoryGroup.Entertainment)]
    [InlineData(7995, MerchantCategoryGroup.Entertainment)]
    [InlineData(5311, MerchantCategoryGroup.Retail)]
    [InlineData(5732, MerchantCategoryGroup.Retail)]
    [InlineData(5942, MerchantCategoryGroup.Retail)]
    [InlineData(6051, MerchantCategoryGroup.CashAndFinancial)]
    [InlineData(4829, MerchantCategoryGroup.CashAndFinancial)]
    [InlineData(7230, MerchantCategoryGroup.Services)]
    [InlineData(4900, MerchantCategoryGroup.Other)]
    [InlineData(9399, MerchantCategoryGroup.Other)]
    [InlineData(0, MerchantCategoryGroup.Other)]
    public void Of_maps_codes_by_the_documented_table(int code, MerchantCategoryGroup expected) =>
        Assert.Equal(expected, MerchantCategoryGroups.Of(code));

    [Theory]
    [InlineData(5912)] // pharmacy
    [InlineData(8011)] // doctors
    [InlineData(8062)] // hospitals
    [InlineData(7273)] // dating
    [InlineData(8651)] // political organizations
    [InlineData(8661)] // religious organizations
    public void Of_folds_special_category_codes_into_other(int code) =>
        Assert.Equal(MerchantCategoryGroup.Other, MerchantCategoryGroups.Of(code));

    [Fact]
    public void Of_gives_every_valid_code_a_defined_group()
    {
        for (var code = 0; code <= MerchantCategoryGroups.MaxCode; code++)
        {
            Assert.True(Enum.IsDefined(MerchantCategoryGroups.Of(code)), $"code {code}");
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_000)]
    public void Of_refuses_codes_outside_0_to_9999(int code)
    {
        Assert.False(MerchantCategoryGroups.IsValid(code));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerchantCategoryGroups.Of(code));
    }
}
