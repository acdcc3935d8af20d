using Actors.Domain.Fraud;

namespace Actors.Simulation.Fraud;

/// <summary>The detector an offline replay uses: the silo's default, the built-in rules with default options.</summary>
public static class FraudDetection
{
    public static IFraudDetector Default() => FraudDetectorLoader.Load(new FraudOptions());
}
