namespace Actors.Simulation.Trace;

/// <summary>Version stamps of the trace format and of the generator that wrote a trace.</summary>
public static class TraceFormatInfo
{
    public const string FormatName = "actors-trace";

    /// <summary>Raised whenever the columns or their meaning change; readers refuse other versions.</summary>
    public const int FormatVersion = 1;

    public const string GeneratorName = "Actors.Simulation";

    /// <summary>Raised whenever generation changes for the same parameters (traces are reproducible per version).</summary>
    public const string GeneratorVersion = "1.1.0";

    /// <summary>Parquet key-value metadata keys.</summary>
    public const string HeaderKey = "actors.trace.header";
    public const string EventCountKey = "actors.trace.events";
}
