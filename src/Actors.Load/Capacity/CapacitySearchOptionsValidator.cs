using Actors.Load.Thresholds;

namespace Actors.Load.Capacity;

/// <summary>Refuses bad capacity-search options naming the option and value.</summary>
public static class CapacitySearchOptionsValidator
{
    public static void Validate(CapacitySearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options.StartRate >= 1, nameof(options.StartRate), options.StartRate, "must be at least 1");
        Check(options.MaxRate >= options.StartRate, nameof(options.MaxRate), options.MaxRate, $"must be at least StartRate ({options.StartRate})");
        Check(options.Factor == 0 || options.Factor > 1, nameof(options.Factor), options.Factor, "must be greater than 1, or 0 to use Step");
        Check(options.Factor > 0 || options.Step >= 1, nameof(options.Step), options.Step, "must be at least 1 when Factor is 0");
        Check(options.StepDuration >= TimeSpan.FromMilliseconds(100), nameof(options.StepDuration), options.StepDuration, "must be at least 100 ms");
        Check(options.MinAchievedRatio is > 0 and <= 1, nameof(options.MinAchievedRatio), options.MinAchievedRatio, "must be in (0, 1]");
        Check(options.RefineSteps is >= 0 and <= 10, nameof(options.RefineSteps), options.RefineSteps, "must be between 0 and 10");
        Check(options.ConfirmSteps is >= 0 and <= 5, nameof(options.ConfirmSteps), options.ConfirmSteps, "must be between 0 and 5");
        Check(options.WarmUp >= TimeSpan.Zero, nameof(options.WarmUp), options.WarmUp, "must not be negative");
        Check(options.ReportingInterval >= TimeSpan.FromMilliseconds(10), nameof(options.ReportingInterval), options.ReportingInterval, "must be at least 10 ms");
        Check(options.MinSamplesPerStep >= 0, nameof(options.MinSamplesPerStep), options.MinSamplesPerStep, "must not be negative");
        Check(options.MaxStepDuration >= options.StepDuration, nameof(options.MaxStepDuration), options.MaxStepDuration, $"must be at least StepDuration ({options.StepDuration})");
        Check(options.StallGcPause is null || options.StallGcPause > TimeSpan.Zero, nameof(options.StallGcPause), options.StallGcPause ?? TimeSpan.Zero, "must be positive");
        Check(options.StallWait is null || options.StallWait > TimeSpan.Zero, nameof(options.StallWait), options.StallWait ?? TimeSpan.Zero, "must be positive");
        ThresholdParser.Parse(options.Slo);
    }

    private static void Check(bool ok, string option, object value, string rule)
    {
        if (!ok)
        {
            throw new LoadConfigurationException($"Capacity search option {option} {rule} (was '{value}').");
        }
    }
}
