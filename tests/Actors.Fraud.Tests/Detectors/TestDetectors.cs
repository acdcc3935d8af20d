using Actors.Domain.Fraud;

namespace Actors.Fraud.Tests.Detectors;

/// <summary>A researcher's detector: declines anything at or above its limit, and counts what it saw in the profile.</summary>
public sealed class LimitDetector : IFraudDetector
{
    private readonly long _limitMinor;

    public LimitDetector(FraudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limitMinor = options.Velocity.MaxAmountPerLongWindowMinor;
    }

    public string Name => "limit";

    public FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile)
    {
        profile.Assessments++;
        return authorization.Amount.Minor >= _limitMinor
            ? new FraudAssessment(800, FraudRules.Custom, FraudDecision.Decline)
            : FraudAssessment.Clean;
    }
}

/// <summary>A detector with only a parameterless constructor.</summary>
public sealed class AlwaysAlertDetector : IFraudDetector
{
    public string Name => "always_alert";

    public FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile) =>
        new(2_000, FraudRules.Custom, FraudDecision.ApproveAndAlert);
}

/// <summary>Not a detector at all.</summary>
public sealed class NotADetector;

/// <summary>A detector nobody can construct from configuration.</summary>
public sealed class NeedsAServiceDetector(Uri endpoint) : IFraudDetector
{
    public string Name => endpoint.Host;

    public FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile) => FraudAssessment.Clean;
}

/// <summary>A detector whose constructor refuses its configuration.</summary>
public sealed class BrokenDetector : IFraudDetector
{
    public BrokenDetector() => throw new InvalidOperationException("model file missing");

    public string Name => "broken";

    public FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile) => FraudAssessment.Clean;
}

public abstract class AbstractDetector : IFraudDetector
{
    public abstract string Name { get; }

    public abstract FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile);
}
