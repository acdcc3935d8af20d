using Actors.Simulation.Traffic;

namespace Actors.Simulation.Replay;

/// <summary>
/// Drives trace events into a cluster with bounded concurrency. Events of one user (their own and
/// their accounts'; for a transfer, both owners') run in trace order, each after the previous one on
/// its keys, so balances end exactly as a sequential replay would leave them; unrelated users
/// overlap. Keying by owner rather than by account matters: the user grain calls its accounts
/// (balance reads, consent pushes) and accounts call their owner (notifications), so concurrent
/// calls into one user's grains from both sides could wait on each other until they time out. Paced at <see cref="ReplayOptions.Speed"/> times simulated time, or as fast as possible.
/// Every event is recorded in the <see cref="ReplayResult"/> as applied, declined, failed or skipped.
/// </summary>
public sealed class TraceReplayer
{
    private const int PruneEvery = 65_536;
    private readonly EventApplier _applier;
    private readonly ReplayOptions _options;
    private readonly TimeProvider _time;

    public TraceReplayer(IGrainFactory grains, ReplayOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _options = options ?? new ReplayOptions();
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid replay options: " + string.Join(" ", errors), nameof(options));
        }

        _applier = new EventApplier(grains, _options.MessengerActor);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The result being filled by the replay in progress (for progress displays), or the last one.</summary>
    public ReplayResult Current { get; private set; } = new();

    public Task<ReplayResult> ReplayAsync(IEnumerable<TraceEvent> events, CancellationToken cancellationToken = default) =>
        ReplayAsync(ToAsync(events), cancellationToken);

    public async Task<ReplayResult> ReplayAsync(IAsyncEnumerable<TraceEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var result = Current = new ReplayResult();
        var slots = new SemaphoreSlim(_options.MaxConcurrency);
        var tails = new Dictionary<string, Task>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var started = _time.GetTimestamp();
        long? firstTimeMs = null;
        long dispatched = 0;
        try
        {
            await foreach (var e in events.WithCancellation(cancellationToken))
            {
                firstTimeMs ??= e.TimeMs;
                if (_options.Speed is { } speed)
                {
                    var due = TimeSpan.FromMilliseconds((e.TimeMs - firstTimeMs.Value) / speed);
                    var wait = due - _time.GetElapsedTime(started);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, cancellationToken);
                    }
                }

                await slots.WaitAsync(cancellationToken);
                if (e.Type == EventType.AccountOpened && e.AccountId is not null && e.UserId is not null)
                {
                    owners[e.AccountId] = e.UserId;
                }

                var first = e.UserId;
                var second = e.Type == EventType.Transfer && e.CounterAccountId is not null
                    ? owners.GetValueOrDefault(e.CounterAccountId, e.CounterAccountId)
                    : null;
                if (second == first)
                {
                    second = null;
                }

                var before1 = first is not null && tails.TryGetValue(first, out var t1) && !t1.IsCompleted ? t1 : null;
                var before2 = second is not null && tails.TryGetValue(second, out var t2) && !t2.IsCompleted ? t2 : null;
                var task = RunAsync(e, before1, before2, slots, result);
                if (first is not null)
                {
                    tails[first] = task;
                }

                if (second is not null)
                {
                    tails[second] = task;
                }

                if (++dispatched % PruneEvery == 0)
                {
                    // Keep memory to the keys still busy: finished tails order nothing.
                    foreach (var key in tails.Where(p => p.Value.IsCompleted).Select(p => p.Key).ToArray())
                    {
                        tails.Remove(key);
                    }
                }
            }
        }
        finally
        {
            // Wait for everything in flight, even when cancelled, so no call outlives the replay.
            for (var i = 0; i < _options.MaxConcurrency; i++)
            {
                await slots.WaitAsync(CancellationToken.None);
            }

            result.Elapsed = _time.GetElapsedTime(started);
        }

        return result;
    }

    private async Task RunAsync(TraceEvent e, Task? before1, Task? before2, SemaphoreSlim slots, ReplayResult result)
    {
        try
        {
            if (before1 is not null)
            {
                await before1;
            }

            if (before2 is not null)
            {
                await before2;
            }

            result.Record(e, await _applier.ApplyAsync(e));
        }
        finally
        {
            slots.Release();
        }
    }

    private static async IAsyncEnumerable<TraceEvent> ToAsync(IEnumerable<TraceEvent> events)
    {
        foreach (var e in events)
        {
            yield return e;
        }

        await Task.CompletedTask;
    }
}
