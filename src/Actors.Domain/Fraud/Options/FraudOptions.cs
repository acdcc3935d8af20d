namespace Actors.Domain.Fraud;

/// <summary>
/// Fraud detection configuration (section <c>Actors:Fraud</c>): which detector runs, the decision
/// thresholds and each built-in rule's options. Validate with <see cref="FraudOptionsValidator"/>.
/// </summary>
public sealed class FraudOptions
{
    public const string SectionName = "Actors:Fraud";

    /// <summary>Built-in rules (the default, also when <see cref="Detector"/> is empty).</summary>
    public const string RulesDetector = "rules";

    /// <summary>No detection: every authorization is approved with score 0 (the baseline for comparisons).</summary>
    public const string NoDetector = "none";

    /// <summary>
    /// "rules" (default), "none", or the assembly-qualified name of a class implementing IFraudDetector,
    /// e.g. "MyLab.GradientDetector, MyLab.Detectors", whose assembly sits next to the host.
    /// </summary>
    public string? Detector { get; set; }

    public FraudDecisionOptions Decision { get; set; } = new();

    public VelocityRuleOptions Velocity { get; set; } = new();

    public AmountOutlierRuleOptions AmountOutlier { get; set; } = new();

    public ImpossibleTravelRuleOptions ImpossibleTravel { get; set; } = new();

    public CardTestingRuleOptions CardTesting { get; set; } = new();

    public RiskyMerchantCategoryRuleOptions RiskyMerchantCategory { get; set; } = new();

    public FirstSeenMerchantRuleOptions FirstSeenMerchant { get; set; } = new();

    public UnusualHourRuleOptions UnusualHour { get; set; } = new();

    public UnfamiliarDeviceRuleOptions UnfamiliarDevice { get; set; } = new();
}
