namespace Actors.Load.Scenarios;

/// <summary>The outcome of one scenario invocation or step, as NBomber's <c>IResponse</c>.</summary>
public interface IResponse
{
    /// <summary>True when the invocation failed (counted in the fail statistics).</summary>
    bool IsError { get; }

    /// <summary>Optional status code ("200", "declined", ...); counted per code in the reports.</summary>
    string? StatusCode { get; }

    /// <summary>Payload size in bytes (0 when unknown); summed into the data-transfer statistics.</summary>
    long SizeBytes { get; }

    /// <summary>Optional human-readable message (e.g. the reason of a failure).</summary>
    string? Message { get; }
}
