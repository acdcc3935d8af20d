using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Engine;

public sealed class OrdinaryTrafficTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Thirty_days_of_an_ordinary_user_bring_no_decline_and_few_alerts(int seed)
    {
        var detector = new RuleBasedDetector(new FraudOptions());
        var profile = new AccountFraudProfile();

        var assessments = OrdinaryUser.Days(Monday, 30, seed).Select(a => detector.Assess(a, profile)).ToList();

        Assert.True(assessments.Count >= 30, $"only {assessments.Count} authorizations generated");
        Assert.DoesNotContain(assessments, a => a.Declined);
        var alerts = assessments.Count(a => a.Alerted);
        Assert.True(alerts <= assessments.Count / 50, $"{alerts} alerts in {assessments.Count} ordinary authorizations");
    }

    [Fact]
    public void A_traveller_who_flies_abroad_is_not_declined_on_arrival()
    {
        var detector = new RuleBasedDetector(new FraudOptions());
        var profile = new AccountFraudProfile();
        var history = OrdinaryUser.Days(Monday, 20, seed: 9).Select(a => detector.Assess(a, profile)).ToList();
        var lastHome = Monday.AddDays(20);

        var arrival = detector.Assess(At(lastHome.AddHours(12), merchant: "M-GROCER", country: "FR"), profile);

        Assert.DoesNotContain(history, a => a.Declined);
        Assert.False(arrival.Declined, arrival.ToString());
    }
}
