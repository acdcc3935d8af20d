using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>Detection switched off ("none"): approves everything with score 0 and leaves the profile alone. The benchmark baseline.</summary>
public sealed class NoOpFraudDetector : IFraudDetector
{
    public static NoOpFraudDetector Instance { get; } = new();

    public string Name => FraudOptions.NoDetector;

    public FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile) => FraudAssessment.Clean;
}
