using Actors.Domain.Fraud;

namespace Actors.Fraud.Tests.Support;

/// <summary>
/// Drives one rule alone the way the engine does (evaluate, then record, then count the observation),
/// so a rule's test sees exactly its own behaviour.
/// </summary>
internal sealed class RuleHarness(IFraudRule rule)
{
    public AccountFraudProfile Profile { get; } = new();

    /// <summary>Feeds one authorization, treated as approved unless the rule fired and <paramref name="declineWhenFired"/>.</summary>
    public RuleResult Feed(AuthorizationContext authorization, bool declineWhenFired = false)
    {
        var result = rule.Evaluate(authorization, Profile);
        var approved = !(declineWhenFired && result.Fired);
        rule.Record(authorization, Profile, approved);
        Profile.Assessments++;
        if (approved)
        {
            Profile.Observations++;
        }

        return result;
    }

    /// <summary>Feeds all and returns the results in order.</summary>
    public List<RuleResult> FeedAll(IEnumerable<AuthorizationContext> authorizations, bool declineWhenFired = false) =>
        authorizations.Select(a => Feed(a, declineWhenFired)).ToList();
}
