using Actors.Domain.Fraud;
using static Actors.Fraud.Tests.Support.Authorizations;

namespace Actors.Fraud.Tests.Detectors;

public sealed class FraudDetectorLoaderTests
{
    [Fact]
    public void Detector_from_another_assembly_is_loaded_by_name_with_the_options_and_used()
    {
        var options = new FraudOptions { Detector = typeof(LimitDetector).AssemblyQualifiedName };
        options.Velocity.MaxAmountPerLongWindowMinor = 10_000;
        var profile = new AccountFraudProfile();

        var detector = FraudDetectorLoader.Load(options);
        var small = detector.Assess(At(Monday, amountMinor: 9_999), profile);
        var large = detector.Assess(At(Monday, amountMinor: 10_000), profile);

        Assert.IsType<LimitDetector>(detector);
        Assert.Equal(FraudDecision.Approve, small.Decision);
        Assert.Equal(new FraudAssessment(800, FraudRules.Custom, FraudDecision.Decline), large);
        Assert.Equal(2, profile.Assessments);
    }

    [Fact]
    public void Short_assembly_qualified_name_works_too()
    {
        var detector = FraudDetectorLoader.Load(new FraudOptions { Detector = "Actors.Fraud.Tests.Detectors.AlwaysAlertDetector, Actors.Fraud.Tests" });

        var assessment = detector.Assess(At(Monday), new AccountFraudProfile());

        Assert.Equal("always_alert", detector.Name);
        Assert.Equal(FraudAssessment.MaxScore, assessment.Score);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rules")]
    [InlineData(" Rules ")]
    public void Empty_or_rules_gives_the_built_in_rules(string? name)
    {
        Assert.IsType<RuleBasedDetector>(FraudDetectorLoader.Load(new FraudOptions { Detector = name }));
    }

    [Fact]
    public void None_gives_the_no_op_detector()
    {
        Assert.Same(NoOpFraudDetector.Instance, FraudDetectorLoader.Load(new FraudOptions { Detector = "none" }));
    }

    [Theory]
    [InlineData("Nope.Detector, Nope.Assembly", "was not found")]
    [InlineData("Actors.Fraud.Tests.Detectors.Missing, Actors.Fraud.Tests", "was not found")]
    [InlineData("Actors.Fraud.Tests.Detectors.NotADetector, Actors.Fraud.Tests", "does not implement")]
    [InlineData("Actors.Fraud.Tests.Detectors.AbstractDetector, Actors.Fraud.Tests", "abstract")]
    [InlineData("Actors.Fraud.Tests.Detectors.NeedsAServiceDetector, Actors.Fraud.Tests", "no public constructor")]
    [InlineData("Actors.Fraud.Tests.Detectors.BrokenDetector, Actors.Fraud.Tests", "model file missing")]
    [InlineData("Bad,,Name,", "Actors:Fraud:Detector")]
    public void Bad_detector_setting_is_refused_naming_the_setting(string name, string problem)
    {
        var e = Assert.Throws<FraudConfigurationException>(() => FraudDetectorLoader.Load(new FraudOptions { Detector = name }));

        Assert.Contains(FraudDetectorLoader.SettingName, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
