using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;

namespace Actors.Fraud.Tests.Engine;

public sealed class HotPathTests
{
    [Fact]
    public void Assessing_with_every_rule_allocates_nothing()
    {
        var detector = new RuleBasedDetector(new FraudOptions());
        var profile = new AccountFraudProfile();

        // Every rule gets exercised: ordinary history, then bursts, travel, gambling, night payments.
        var authorizations = OrdinaryUser.Days(Authorizations.Monday, 60, seed: 11)
            .Concat(Shapes.CardTestingBurst(Authorizations.Monday.AddDays(61), 10))
            .Concat(Shapes.VelocityBurst(Authorizations.Monday.AddDays(62), 30, TimeSpan.FromSeconds(5)))
            .Append(Authorizations.At(Authorizations.Monday.AddDays(62).AddMinutes(10), amountMinor: 500_000, merchant: "M-CASINO", category: 7995, country: "GB"))
            .ToArray();
        detector.Assess(authorizations[0], new AccountFraudProfile());

        var before = GC.GetAllocatedBytesForCurrentThread();
        var fired = FraudRules.None;
        foreach (var authorization in authorizations)
        {
            fired |= detector.Assess(authorization, profile).Fired;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(FraudRules.Velocity | FraudRules.AmountOutlier | FraudRules.ImpossibleTravel | FraudRules.CardTesting
            | FraudRules.RiskyMerchantCategory | FraudRules.FirstSeenMerchant | FraudRules.UnusualHour, fired);
    }

    [Fact]
    public void Benchmark_reports_both_detectors_and_no_allocation()
    {
        var result = FraudBenchmark.Run(20_000, accounts: 64);

        Assert.Equal(20_000, result.Operations);
        Assert.True(result.RulesNsPerOp > 0 && result.NoOpNsPerOp > 0, result.ToString());
        Assert.Equal(0, result.RulesAllocatedBytesPerOp);
    }
}
