namespace Actors.Domain.Fraud;

/// <summary>One rule's answer: whether it fired, and the score it adds (0-1000).</summary>
public readonly record struct RuleResult(bool Fired, int Score)
{
    public static RuleResult Silent => default;

    public static RuleResult FiredWith(int score) => new(true, score);
}
