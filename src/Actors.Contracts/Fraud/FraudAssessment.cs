namespace Actors.Fraud;

/// <summary>
/// The answer of a fraud detector for one card authorization: a risk score (0-1000), the rules
/// that fired and the decision. A value type of 4 bytes, so returning it never allocates.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.FraudAssessment")]
public readonly record struct FraudAssessment
{
    public const int MaxScore = 1000;

    /// <summary>A score outside 0-1000 (a plug-in detector's arithmetic) is clamped into it.</summary>
    public FraudAssessment(int score, FraudRules fired, FraudDecision decision)
    {
        Score = (short)Math.Clamp(score, 0, MaxScore);
        Fired = fired;
        Decision = decision;
    }

    /// <summary>Nothing suspicious: score 0, no rule, approve.</summary>
    public static FraudAssessment Clean => default;

    [Id(0)]
    public short Score { get; }

    [Id(1)]
    public FraudRules Fired { get; }

    [Id(2)]
    public FraudDecision Decision { get; }

    public bool Declined => Decision >= FraudDecision.Decline;

    public bool Alerted => Decision != FraudDecision.Approve;

    /// <summary>snake_case names of the rules that fired (allocates: for alerts and reports).</summary>
    public IReadOnlyList<string> RuleNames => FraudRuleNames.All(Fired);

    public override string ToString() => $"{Decision} (score {Score}: {FraudRuleNames.Describe(Fired)})";
}
