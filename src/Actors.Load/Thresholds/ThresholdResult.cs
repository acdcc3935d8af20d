namespace Actors.Load.Thresholds;

/// <summary>The verdict of one threshold on one scenario, as shown in every report.</summary>
public sealed record ThresholdResult
{
    public required string Scenario { get; init; }

    public required string Threshold { get; init; }

    /// <summary>The measured value in the threshold's unit (ms, %, count or rps).</summary>
    public required double Actual { get; init; }

    public required string Unit { get; init; }

    public required bool Passed { get; init; }

    /// <summary>Human-readable verdict, e.g. "p99<50ms passed: 12.3 ms".</summary>
    public required string Message { get; init; }
}
