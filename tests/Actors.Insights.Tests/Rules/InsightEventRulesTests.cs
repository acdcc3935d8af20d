using Actors.Insights.Tests.Support;

namespace Actors.Insights.Tests.Rules;

public sealed class InsightEventRulesTests
{
    [Fact]
    public void Problem_is_null_for_a_valid_event() =>
        Assert.Null(InsightEventRules.Problem(Events.Grocery("DE", 1, 100)));

    [Theory]
    [InlineData(-1, "DE", 100, "MerchantCategory")]
    [InlineData(10_000, "DE", 100, "MerchantCategory")]
    [InlineData(5411, "de", 100, "Region")]
    [InlineData(5411, "DEU", 100, "Region")]
    [InlineData(5411, "D1", 100, "Region")]
    [InlineData(5411, "", 100, "Region")]
    [InlineData(5411, "DE", 0, "Amount")]
    [InlineData(5411, "DE", -5, "Amount")]
    public void Problem_names_the_bad_field(int mcc, string region, long minor, string field)
    {
        var problem = InsightEventRules.Problem(Events.At(mcc, region, 1, minor));
        Assert.NotNull(problem);
        Assert.StartsWith(field, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_refuses_a_null_region_an_amount_without_currency_and_an_unset_time()
    {
        var valid = Events.Grocery("DE", 1, 100);
        Assert.StartsWith("Region", InsightEventRules.Problem(valid with { Region = null! }), StringComparison.Ordinal);
        Assert.StartsWith("Amount", InsightEventRules.Problem(valid with { Amount = default }), StringComparison.Ordinal);
        Assert.StartsWith("Time", InsightEventRules.Problem(valid with { Time = default }), StringComparison.Ordinal);
    }
}
