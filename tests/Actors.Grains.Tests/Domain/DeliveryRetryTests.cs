using Actors.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests.Domain;

/// <summary>Refused notification sends are retried on the account's clock, then given up; driven by a fake clock.</summary>
public sealed class DeliveryRetryTests
{
    // Advances the fake clock a millisecond at a time while the retry loop waits on a timer, and not at all while it runs
    // (its continuation may not have run yet on a busy machine: advancing then skipped delays and attempts). Fails after
    // 100 s of fake time or 30 s of real time without progress.
    private static async Task<Exception?> Drive(Task<Exception?> run, CountingTime time)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var step = 0; step < 100_000 && !run.IsCompleted;)
        {
            if (time.Waiting > 0)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
                step++;
                deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            }
            else
            {
                Assert.True(DateTime.UtcNow < deadline, "the retry loop neither finished nor waited on its clock within 30 s");
                await Task.Yield();
            }
        }

        Assert.True(run.IsCompleted, "the retry loop did not finish within 100 s of fake time");
        return await run;
    }

    /// <summary>A fake clock that knows how many of its timers are waiting to fire.</summary>
    private sealed class CountingTime : FakeTimeProvider
    {
        private int _waiting;

        public int Waiting => Volatile.Read(ref _waiting);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _waiting);
            var fired = 0;
            return base.CreateTimer(s =>
            {
                if (Interlocked.Exchange(ref fired, 1) == 0)
                {
                    Interlocked.Decrement(ref _waiting);
                }

                callback(s);
            }, state, dueTime, period);
        }
    }

    [Fact]
    public async Task A_send_refused_twice_is_delivered_on_the_third_attempt_with_two_retries_counted()
    {
        var time = new CountingTime();
        var attempts = 0;
        var retries = new List<string>();

        var error = await Drive(DeliveryRetry.RunAsync(() => ++attempts < 3 ? throw new InvalidOperationException($"queue full #{attempts}") : Task.CompletedTask,
            TimeSpan.FromSeconds(10), time, e => retries.Add(e.Message)), time);

        Assert.Null(error);
        Assert.Equal(3, attempts);
        Assert.Equal(["queue full #1", "queue full #2"], retries);
    }

    [Fact]
    public async Task A_send_that_keeps_failing_is_given_up_at_the_timeout_with_its_last_error()
    {
        var time = new CountingTime();
        var started = time.GetUtcNow();
        var attempts = 0;

        var error = await Drive(DeliveryRetry.RunAsync(() => throw new InvalidOperationException($"refused #{++attempts}"),
            TimeSpan.FromSeconds(2), time), time);

        Assert.Equal($"refused #{attempts}", Assert.IsType<InvalidOperationException>(error).Message);
        var waited = time.GetUtcNow() - started;
        Assert.InRange(waited, TimeSpan.FromSeconds(1.7), TimeSpan.FromSeconds(2)); // never past the timeout
        // Delays double from 5 ms to the 200 ms cap: 5+10+20+40+80+160 = 315 ms, then 200 ms steps.
        Assert.InRange(attempts, 14, 16);
    }

    [Fact]
    public async Task A_zero_timeout_tries_once()
    {
        var attempts = 0;

        var error = await DeliveryRetry.RunAsync(() => { attempts++; throw new InvalidOperationException("refused"); }, TimeSpan.Zero, new FakeTimeProvider());

        Assert.NotNull(error);
        Assert.Equal(1, attempts);
    }
}
