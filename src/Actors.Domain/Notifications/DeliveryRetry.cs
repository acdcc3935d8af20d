namespace Actors.Domain;

/// <summary>
/// Retries a send that its transport refuses, with delays doubling from <see cref="FirstDelay"/> up to
/// <see cref="MaxDelay"/>, until it succeeds or the next attempt would start after <c>timeout</c>. Time comes from
/// the given <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public static class DeliveryRetry
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns null once <paramref name="send"/> succeeded, or the last error when it was given up.</summary>
    /// <param name="onRetry">Called for each refused attempt that will be tried again.</param>
    public static async Task<Exception?> RunAsync(Func<Task> send, TimeSpan timeout, TimeProvider time, Action<Exception>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                await send();
                return null;
            }
            catch (Exception e)
            {
                if (e is Errors.DomainException || time.GetElapsedTime(started) + delay > timeout)
                {
                    return e;
                }

                onRetry?.Invoke(e);
            }

            await Task.Delay(delay, time);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
