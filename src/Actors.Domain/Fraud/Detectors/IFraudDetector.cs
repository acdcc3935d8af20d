using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>
/// A fraud detector the account consults on every card authorization; the plug-in point for research.
/// Implement it in your own assembly and name the class in configuration (<c>Actors:Fraud:Detector</c>,
/// assembly-qualified); it needs a public constructor taking <see cref="FraudOptions"/> or none.
/// <para>
/// Contract: one instance serves every account of a silo at once, so keep per-account memory in the
/// <see cref="AccountFraudProfile"/> you are given (you may update it: it is persisted with the account)
/// and keep the instance itself immutable or thread-safe. Use the authorization's timestamp, never a
/// clock. Do not throw for ordinary input, and keep it cheap: it is on the payment path.
/// </para>
/// </summary>
public interface IFraudDetector
{
    /// <summary>A short name for reports, e.g. "rules".</summary>
    string Name { get; }

    FraudAssessment Assess(in AuthorizationContext authorization, AccountFraudProfile profile);
}
