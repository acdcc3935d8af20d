using Actors.Load.Statistics;
using Actors.Load.Thresholds;

namespace Actors.Load.Tests;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("p99<50ms", ThresholdMetric.P99, ThresholdOperator.Less, 50)]
    [InlineData("p95<=20ms", ThresholdMetric.P95, ThresholdOperator.LessOrEqual, 20)]
    [InlineData("mean<10ms", ThresholdMetric.Mean, ThresholdOperator.Less, 10)]
    [InlineData("p99.9 < 2s", ThresholdMetric.P999, ThresholdOperator.Less, 2000)]
    [InlineData("p999<500us", ThresholdMetric.P999, ThresholdOperator.Less, 0.5)]
    [InlineData("max<100", ThresholdMetric.Max, ThresholdOperator.Less, 100)]
    [InlineData("fail<0.1%", ThresholdMetric.FailPercent, ThresholdOperator.Less, 0.1)]
    [InlineData("fail<=5", ThresholdMetric.FailCount, ThresholdOperator.LessOrEqual, 5)]
    [InlineData("rps>=1000", ThresholdMetric.Rps, ThresholdOperator.GreaterOrEqual, 1000)]
    [InlineData("RPS>10", ThresholdMetric.Rps, ThresholdOperator.Greater, 10)]
    public void Parses_metric_operator_and_normalised_value(string text, ThresholdMetric metric, ThresholdOperator op, double value)
    {
        var threshold = ThresholdParser.ParseOne(text);

        Assert.Equal(metric, threshold.Metric);
        Assert.Equal(op, threshold.Operator);
        Assert.Equal(value, threshold.Value, 9);
    }

    [Fact]
    public void Parses_a_comma_separated_list()
    {
        var thresholds = ThresholdParser.Parse("p99<50ms, fail<0.1%,rps>=1000");

        Assert.Equal(["p99<50ms", "fail<0.1%", "rps>=1000"], thresholds.Select(t => t.Text));
    }

    [Theory]
    [InlineData("p98<50ms")]
    [InlineData("p99<<50ms")]
    [InlineData("p99=50ms")]
    [InlineData("p99<fast")]
    [InlineData("p99<50min")]
    [InlineData("fail<5ms")]
    [InlineData("fail<150%")]
    [InlineData("rps>10ms")]
    [InlineData("p99<50ms,")]
    [InlineData("")]
    public void Bad_syntax_is_refused_quoting_the_bad_part(string text)
    {
        var error = Assert.Throws<LoadConfigurationException>(() => ThresholdParser.Parse(text));

        Assert.Contains("threshold", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ExitCodes.BadConfiguration, ExitCodes.FromException(error));
    }

    [Fact]
    public void Evaluation_passes_and_breaches_on_the_scenario_statistics()
    {
        // 1000 ok requests at 1..1000 µs latency in 10 s, plus 10 failures: 1 % failed, 101 rps.
        var run = RawRuns.Single("checked", Enumerable.Range(1, 1000).Select(i => (long)i), failures: 10,
            thresholds: ["p99<5ms", "fail<0.5%", "rps>=100", "mean<=0.4ms"]);

        var result = ResultBuilder.Build(run);

        var verdicts = result.Thresholds.ToDictionary(t => t.Threshold, t => t.Passed);
        Assert.True(verdicts["p99<5ms"]);
        Assert.False(verdicts["fail<0.5%"]);
        Assert.True(verdicts["rps>=100"]);
        Assert.False(verdicts["mean<=0.4ms"]);
        Assert.False(result.AllThresholdsPassed);
        Assert.Equal(ExitCodes.ThresholdBreached, ExitCodes.FromResult(result));
        Assert.Contains("BREACHED", result.Thresholds.Single(t => t.Threshold == "fail<0.5%").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_threshold_breaches_when_nothing_succeeded()
    {
        var run = RawRuns.Single("all_failed", [], failures: 5, thresholds: ["p99<50ms"]);

        var verdict = ResultBuilder.Build(run).Thresholds.Single();

        Assert.False(verdict.Passed);
        Assert.Contains("no successful requests", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_code_is_zero_when_every_threshold_passes()
    {
        var run = RawRuns.Single("fine", [100, 200, 300], failures: 0, thresholds: ["p99<1ms", "fail<1%"]);

        Assert.Equal(ExitCodes.Ok, ExitCodes.FromResult(ResultBuilder.Build(run)));
    }

    [Fact]
    public void Exit_code_is_two_for_configuration_errors_and_one_for_job_failures()
    {
        Assert.Equal(2, ExitCodes.FromException(new LoadConfigurationException("bad")));
        Assert.Equal(1, ExitCodes.FromException(new InvalidOperationException("init failed")));
    }

    [Theory]
    [InlineData("service.p99<5ms", ThresholdMeasure.Service, ThresholdMetric.P99, 5)]
    [InlineData("wait.p99<1ms", ThresholdMeasure.Wait, ThresholdMetric.P99, 1)]
    [InlineData("response.p50<=200us", ThresholdMeasure.Response, ThresholdMetric.P50, 0.2)]
    [InlineData("p99.9<15ms", ThresholdMeasure.Response, ThresholdMetric.P999, 15)]
    public void Thresholds_name_the_time_they_read(string text, ThresholdMeasure measure, ThresholdMetric metric, double value)
    {
        var threshold = ThresholdParser.ParseOne(text);

        Assert.Equal(measure, threshold.Measure);
        Assert.Equal(metric, threshold.Metric);
        Assert.Equal(value, threshold.Value, 6);
    }

    [Theory]
    [InlineData("service.fail<1%")]
    [InlineData("wait.rps>10")]
    [InlineData("queue.p99<5ms")]
    public void A_time_prefix_on_something_other_than_a_latency_is_refused(string text)
    {
        var error = Assert.Throws<LoadConfigurationException>(() => ThresholdParser.ParseOne(text));

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }
}
