using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Actors.Load.Engine;

/// <summary>
/// The open model's pacer on the real clock: a dedicated thread that waits for each intended start with a
/// high-resolution sleep (Linux <c>nanosleep</c> with the thread's timer slack cut to 1 µs) and finishes the last
/// stretch spinning, instead of the ~1 ms thread-pool timer. How early it stops sleeping follows the oversleep it
/// observes (an exponentially weighted mean), capped at <c>maxSpin</c>: a pacer that spun through every gap at high
/// rates would take a whole core from the system under test on a small machine, so past the cap it accepts waking a
/// little late (what it costs shows as wait time). Where no high-resolution sleep exists it sleeps whole milliseconds
/// and spins the remainder.
/// The thread hands each arrival to the thread pool (or, with <see cref="LoadRunOptions.StartOnPacerThread"/>, starts it
/// itself up to the step's first await), so what it measures as its CPU time is the generator's cost per arrival.
/// </summary>
internal sealed class PrecisePacer
{
    /// <summary>A sleep is cut into pieces of at most this, so cancellation is seen promptly.</summary>
    private static readonly long MaxSleep = Stopwatch.Frequency / 50;
    private static readonly long Microsecond = Math.Max(1, Stopwatch.Frequency / 1_000_000);
    private readonly bool _nanosleep;
    private readonly long _maxSpin;
    private long _oversleep = 50 * Microsecond;

    private PrecisePacer(bool nanosleep, TimeSpan maxSpin)
    {
        _nanosleep = nanosleep;
        _maxSpin = Math.Max(0, (long)(maxSpin.TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>
    /// Runs <paramref name="loop"/> on a new dedicated thread, handing it a pacer whose waits block that thread (the
    /// loop's awaits on the pacer complete synchronously, so the whole loop stays on it). Completes with the loop and
    /// reports the thread's CPU time (null where the platform cannot measure it).
    /// </summary>
    public static Task<TimeSpan?> RunOnOwnThreadAsync(TimeSpan maxSpin, Func<PrecisePacer, Task> loop)
    {
        var completion = new TaskCompletionSource<TimeSpan?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            var pacer = new PrecisePacer(Native.TryReduceTimerSlack(), maxSpin);
            var cpuAtStart = Native.ThreadCpuTime();
            try
            {
                loop(pacer).GetAwaiter().GetResult();
                var cpuAtEnd = Native.ThreadCpuTime();
                completion.TrySetResult(cpuAtStart is { } a && cpuAtEnd is { } b ? b - a : null);
            }
            catch (Exception ex)
            {
                completion.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "actors-load-pacer",
        };
        thread.Start();
        return completion.Task;
    }

    /// <summary>Blocks until <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp) or cancellation.</summary>
    public void WaitUntil(long timestamp, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            var remaining = timestamp - now;
            if (remaining <= 0)
            {
                return;
            }

            // Sleep until the expected oversleep before the target (plus a little), spin from there.
            var margin = Math.Min(_oversleep + 5 * Microsecond, _maxSpin);
            var sleep = Math.Min(remaining - margin, MaxSleep);
            if (_nanosleep && sleep >= 2 * Microsecond)
            {
                Native.Sleep(sleep * 1_000_000_000 / Stopwatch.Frequency);
                Learn(Stopwatch.GetTimestamp() - now - sleep);
            }
            else if (!_nanosleep && sleep >= 2 * Stopwatch.Frequency / 1000)
            {
                Thread.Sleep((int)(sleep * 1000 / Stopwatch.Frequency) - 1);
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }

    // One sample in sixteen: a slow wake-up (preempted by the system under test) raises the margin for a while.
    private void Learn(long oversleep) =>
        _oversleep += (Math.Clamp(oversleep, 0, 1_000 * Microsecond) - _oversleep) / 16;

    private static class Native
    {
        private const int PrSetTimerSlack = 29;
        private const int ClockThreadCpuTime = 3;
        private static bool _available = OperatingSystem.IsLinux();

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc.so.6", EntryPoint = "nanosleep")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);

        [DllImport("libc.so.6", EntryPoint = "prctl")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

        [DllImport("libc.so.6", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        /// <summary>Cuts this thread's timer slack to 1 µs (Linux's default of 50 µs is added to every sleep).</summary>
        public static bool TryReduceTimerSlack()
        {
            if (!_available)
            {
                return false;
            }

            try
            {
                return Prctl(PrSetTimerSlack, 1_000, 0, 0, 0) == 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _available = false;
                return false;
            }
        }

        public static void Sleep(long nanoseconds)
        {
            var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            // An interrupted sleep (EINTR) returns early; the caller's loop looks at the clock again either way.
            _ = NanoSleep(ref request, IntPtr.Zero);
        }

        public static TimeSpan? ThreadCpuTime()
        {
            if (!_available)
            {
                return null;
            }

            try
            {
                return ClockGetTime(ClockThreadCpuTime, out var time) == 0
                    ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
                    : null;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _available = false;
                return null;
            }
        }
    }
}
