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

/// <summary>
/// Which of a request's three times a latency threshold reads: response (intended start to end, the default: what a
/// user sees), service (actual start to end: the system under test) or wait (intended to actual start: the generator).
/// </summary>
public enum ThresholdMeasure
{
    Response,
    Service,
    Wait,
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
/// percent for <c>fail&lt;x%</c>, a count for <c>fail&lt;n</c>, requests per second for <c>rps</c>. A latency threshold
/// reads <see cref="Measure"/> (response time unless the text starts with <c>service.</c> or <c>wait.</c>).
/// </summary>
public sealed record Threshold(string Text, ThresholdMetric Metric, ThresholdOperator Operator, double Value)
{
    public ThresholdMeasure Measure { get; init; } = ThresholdMeasure.Response;

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
