using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.Load.Thresholds;

/// <summary>
/// Parses threshold lists: <c>"p99&lt;50ms, p95&lt;=20ms, mean&lt;10ms, fail&lt;0.1%, rps&gt;=1000"</c>.
/// Metrics: min, mean, max, stddev, p50, p75, p95, p99, p99.9 (or p999), fail, rps. Latency units: us, ms
/// (default), s. A latency metric reads response time; prefix it with <c>service.</c> or <c>wait.</c> for the other
/// two (<c>service.p99&lt;5ms</c>, <c>wait.p99&lt;1ms</c>; <c>response.</c> is accepted too). Bad syntax throws
/// <see cref="LoadConfigurationException"/> quoting the bad part.
/// </summary>
public static partial class ThresholdParser
{
    private const string Help =
        "expected [response.|service.|wait.]<metric><op><value>[unit] such as p99<50ms, service.p99<5ms, wait.p99<1ms, " +
        "mean<10ms, fail<0.1%, rps>=1000; metrics: min, mean, max, stddev, p50, p75, p95, p99, p99.9, fail, rps; " +
        "operators: <, <=, >, >=";

    public static IReadOnlyList<Threshold> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new LoadConfigurationException($"Empty threshold list: {Help}.");
        }

        var parts = text.Split([',', ';'], StringSplitOptions.TrimEntries);
        return [.. parts.Select(ParseOne)];
    }

    public static Threshold ParseOne(string part)
    {
        part ??= string.Empty;
        var match = Syntax().Match(part);
        if (!match.Success)
        {
            throw new LoadConfigurationException($"Invalid threshold '{part}': {Help}.");
        }

        var metricName = match.Groups["metric"].Value.ToLowerInvariant();
        var op = match.Groups["op"].Value switch
        {
            "<" => ThresholdOperator.Less,
            "<=" => ThresholdOperator.LessOrEqual,
            ">" => ThresholdOperator.Greater,
            _ => ThresholdOperator.GreaterOrEqual,
        };
        var value = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var (metric, normalized) = Normalize(part, metricName, value, unit);
        var measure = match.Groups["measure"].Value.ToLowerInvariant() switch
        {
            "" or "response" => ThresholdMeasure.Response,
            "service" => ThresholdMeasure.Service,
            _ => ThresholdMeasure.Wait,
        };
        if (measure != ThresholdMeasure.Response && metric is ThresholdMetric.FailPercent or ThresholdMetric.FailCount or ThresholdMetric.Rps)
        {
            throw new LoadConfigurationException(
                $"Invalid threshold '{part}': response., service. and wait. name a latency (p99, mean, max, ...), not {metricName}.");
        }

        return new Threshold(part.Replace(" ", string.Empty, StringComparison.Ordinal), metric, op, normalized) { Measure = measure };
    }

    private static (ThresholdMetric Metric, double Value) Normalize(string part, string metric, double value, string unit)
    {
        switch (metric)
        {
            case "fail":
                return unit switch
                {
                    "%" when value <= 100 => (ThresholdMetric.FailPercent, value),
                    "" => (ThresholdMetric.FailCount, value),
                    _ => throw new LoadConfigurationException(
                        $"Invalid threshold '{part}': fail takes a percentage (fail<0.1%) or a count (fail<10)."),
                };
            case "rps":
                return unit is "" or "/s"
                    ? (ThresholdMetric.Rps, value)
                    : throw new LoadConfigurationException($"Invalid threshold '{part}': rps takes no unit (rps>=1000).");
        }

        var latencyMetric = metric switch
        {
            "min" => ThresholdMetric.Min,
            "mean" => ThresholdMetric.Mean,
            "max" => ThresholdMetric.Max,
            "stddev" => ThresholdMetric.StdDev,
            "p50" => ThresholdMetric.P50,
            "p75" => ThresholdMetric.P75,
            "p95" => ThresholdMetric.P95,
            "p99" => ThresholdMetric.P99,
            _ => ThresholdMetric.P999,
        };
        var milliseconds = unit switch
        {
            "" or "ms" => value,
            "us" or "µs" => value / 1000,
            "s" => value * 1000,
            _ => throw new LoadConfigurationException(
                $"Invalid threshold '{part}': latency unit must be us, ms or s (was '{unit}')."),
        };
        return (latencyMetric, milliseconds);
    }

    [GeneratedRegex(
        @"^\s*((?<measure>response|service|wait)\.)?(?<metric>min|mean|max|stddev|p50|p75|p95|p99\.9|p999|p99|fail|rps)\s*(?<op><=|>=|<|>)\s*(?<value>\d+(\.\d+)?)\s*(?<unit>[a-zµ%/]*)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
