namespace Actors.Load.Thresholds;

/// <summary>What a threshold measures. Latency metrics use successful requests only, as NBomber's ok latency.</summary>
public enum ThresholdMetric
{
    Min,
    Mean,
    Max,
    StdDev,
    P50,
    P75,
    P95,
    P99,
    P999,
    FailPercent,
    FailCount,
    Rps,
}

public enum ThresholdOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// One parsed SLO check such as <c>p99&lt;50ms</c>. <see cref="Value"/> is normalised: milliseconds for latency,
/// percent for <c>fail&lt;x%</c>, a count for <c>fail&lt;n</c>, requests per second for <c>rps</c>.
/// </summary>
public sealed record Threshold(string Text, ThresholdMetric Metric, ThresholdOperator Operator, double Value)
{
    public bool IsLatency => Metric is >= ThresholdMetric.Min and <= ThresholdMetric.P999;

    public bool Holds(double actual) => Operator switch
    {
        ThresholdOperator.Less => actual < Value,
        ThresholdOperator.LessOrEqual => actual <= Value,
        ThresholdOperator.Greater => actual > Value,
        _ => actual >= Value,
    };

    public override string ToString() => Text;
}
