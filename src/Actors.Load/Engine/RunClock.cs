namespace Actors.Load.Engine;

/// <summary>
/// The engine's only view of time: high-resolution timestamps and delays from one <see cref="TimeProvider"/>, so a
/// test can substitute a fake provider while a real run uses <see cref="TimeProvider.System"/>.
/// </summary>
internal sealed class RunClock(TimeProvider timeProvider)
{
    private readonly double _ticksPerTimestamp = (double)TimeSpan.TicksPerSecond / timeProvider.TimestampFrequency;
    private readonly double _microsecondsPerTimestamp = 1_000_000.0 / timeProvider.TimestampFrequency;

    public TimeProvider TimeProvider => timeProvider;

    /// <summary>True on the real clock, whose timestamps are <see cref="System.Diagnostics.Stopwatch"/>'s: the precise pacer applies.</summary>
    public bool IsSystem { get; } = ReferenceEquals(timeProvider, TimeProvider.System);

    public long Now => timeProvider.GetTimestamp();

    public TimeSpan Elapsed(long from) => ToTimeSpan(Now - from);

    public TimeSpan ToTimeSpan(long timestampDelta) => TimeSpan.FromTicks((long)(timestampDelta * _ticksPerTimestamp));

    public long ToTimestampDelta(TimeSpan span) => (long)(span.Ticks / _ticksPerTimestamp);

    public long ToMicroseconds(long timestampDelta) => (long)(timestampDelta * _microsecondsPerTimestamp);

    /// <summary>Waits until <paramref name="timestamp"/>; returns at once when it has passed or on cancellation.</summary>
    public async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = ToTimeSpan(timestamp - Now);
        if (remaining <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await Task.Delay(remaining, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the caller's decision; it checks the token itself.
        }
    }
}
