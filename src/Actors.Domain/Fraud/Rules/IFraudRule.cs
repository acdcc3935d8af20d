using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>
/// One built-in fraud rule. Rules are stateless and shared by every account (all memory is in the
/// <see cref="AccountFraudProfile"/>), and must not allocate: they run on every card authorization.
/// The engine first asks every rule to <see cref="Evaluate"/> (read-only), decides, then lets every
/// rule <see cref="Record"/> the authorization, so no rule sees another's update of the same call.
/// </summary>
public interface IFraudRule
{
    /// <summary>The bit this rule sets in an assessment when it fires.</summary>
    FraudRules Rule { get; }

    /// <summary>This rule's view of the authorization; must not change the profile.</summary>
    RuleResult Evaluate(in AuthorizationContext authorization, AccountFraudProfile profile);

    /// <summary>
    /// Updates the profile after the decision. Counters of attempts (velocity, card testing) count every
    /// authorization; what the account "usually does" learns only from <paramref name="approved"/> ones,
    /// so fraud does not teach the profile that fraud is normal.
    /// </summary>
    void Record(in AuthorizationContext authorization, AccountFraudProfile profile, bool approved);
}
