using System.Globalization;
using System.Runtime.CompilerServices;
using Actors.Simulation.Options;
using Actors.Simulation.Traffic;

namespace Actors.Simulation.Trace;

/// <summary>
/// A time-based train/test split of a trace. The setup (merchants, users, accounts, initial deposits
/// and consents) goes to both sides, so each is a valid trace on its own; traffic before the split
/// instant goes to train, the rest to test. A fraud episode that started before the split instant
/// belongs to train: its events after the instant are dropped (test never sees part of an attack
/// train knows, and train keeps its strict "everything before test" order). Each side is numbered
/// from 0 again and keeps the source's header, which describes the run both sides came from. A
/// refund's or chargeback's <c>original_seq</c> is renumbered with its payment; one whose payment is not
/// on its side (a test-side refund or dispute of a train payment) is dropped. Balances are those of the whole run.
/// </summary>
public static class TraceSplit
{
    /// <summary>
    /// The split instant from <c>--at</c>: a fraction of the period strictly between 0 and 1 (0.8 = after
    /// 80 % of the days), a date (<c>yyyy-MM-dd</c>, midnight UTC) or an ISO 8601 instant; it must lie
    /// strictly inside the trace's period.
    /// </summary>
    /// <exception cref="ArgumentException">The text is neither, or the instant is outside the period.</exception>
    public static long ParseAt(string text, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        long at;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction))
        {
            if (!(fraction > 0 && fraction < 1))
            {
                throw new ArgumentException($"--at {text}: a fraction of the period must be strictly between 0 and 1 (e.g. 0.8).", nameof(text));
            }

            at = options.StartMs + (long)Math.Round(fraction * (options.EndMs - options.StartMs));
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && text.Contains('-', StringComparison.Ordinal))
        {
            at = instant.ToUnixTimeMilliseconds();
        }
        else
        {
            throw new ArgumentException($"--at '{text}' is neither a fraction (0.8) nor a date (yyyy-MM-dd) or instant (yyyy-MM-ddTHH:mm:ssZ).", nameof(text));
        }

        if (at <= options.StartMs || at >= options.EndMs)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--at {text} is {DateTimeOffset.FromUnixTimeMilliseconds(at):u}, outside the trace's period {DateTimeOffset.FromUnixTimeMilliseconds(options.StartMs):u} to {DateTimeOffset.FromUnixTimeMilliseconds(options.EndMs):u} (exclusive)."), nameof(text));
        }

        return at;
    }

    /// <summary>Reads the trace twice (once per side; each read validates it) and writes both sides.</summary>
    /// <returns>The number of events written to each side.</returns>
    public static async Task<(long Train, long Test)> SplitAsync(string input, long atMs, string trainPath, string testPath, CancellationToken cancellationToken = default)
    {
        var train = await WriteSideAsync(input, atMs, trainPath, isTrain: true, cancellationToken);
        var test = await WriteSideAsync(input, atMs, testPath, isTrain: false, cancellationToken);
        return (train, test);
    }

    /// <summary>The events of one side, numbered from 0.</summary>
    public static async IAsyncEnumerable<TraceEvent> Side(IAsyncEnumerable<TraceEvent> events, long atMs, bool isTrain, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var inSetup = true;
        long? setupTime = null;
        long seq = 0;
        var startedBefore = new HashSet<long>();
        var kept = new SeqRuns();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            setupTime ??= e.TimeMs;
            inSetup = inSetup && e.TimeMs == setupTime && IsSetup(e.Type);
            if (!inSetup)
            {
                if (e.TimeMs < atMs)
                {
                    if (e.Episode != 0)
                    {
                        startedBefore.Add(e.Episode);
                    }

                    if (!isTrain)
                    {
                        continue;
                    }
                }
                else if (isTrain || (e.Episode != 0 && startedBefore.Contains(e.Episode)))
                {
                    continue;
                }
            }

            if (e.Type.IsFollowUp())
            {
                if (kept.NewSeqOf(e.OriginalSeq) is not { } original)
                {
                    continue;
                }

                kept.Keep(e.Seq, seq);
                yield return e with { Seq = seq++, OriginalSeq = original };
                continue;
            }

            kept.Keep(e.Seq, seq);
            yield return e with { Seq = seq++ };
        }
    }

    /// <summary>
    /// The kept events as runs of consecutive source seqs (one run per gap the split made: a handful),
    /// so a source seq maps to its new seq without a table per event.
    /// </summary>
    private sealed class SeqRuns
    {
        private readonly List<(long OldStart, long NewStart, long Length)> _runs = [];

        public void Keep(long oldSeq, long newSeq)
        {
            if (_runs.Count > 0 && _runs[^1] is var last && last.OldStart + last.Length == oldSeq)
            {
                _runs[^1] = last with { Length = last.Length + 1 };
                return;
            }

            _runs.Add((oldSeq, newSeq, 1));
        }

        /// <summary>The new seq of a kept source event, or null when it was dropped (or not yet seen).</summary>
        public long? NewSeqOf(long oldSeq)
        {
            int low = 0, high = _runs.Count - 1;
            while (low <= high)
            {
                var mid = (low + high) / 2;
                var run = _runs[mid];
                if (oldSeq < run.OldStart)
                {
                    high = mid - 1;
                }
                else if (oldSeq >= run.OldStart + run.Length)
                {
                    low = mid + 1;
                }
                else
                {
                    return run.NewStart + (oldSeq - run.OldStart);
                }
            }

            return null;
        }
    }

    private static bool IsSetup(EventType type) =>
        type is EventType.MerchantRegistered or EventType.UserRegistered or EventType.AccountOpened or EventType.InitialDeposit or EventType.ConsentGranted;

    private static async Task<long> WriteSideAsync(string input, long atMs, string output, bool isTrain, CancellationToken cancellationToken)
    {
        await using var reader = await TraceFile.OpenAsync(input, cancellationToken);

        // The writers pull events synchronously; the reader is asynchronous (no synchronization context here).
        var events = Side(reader.ReadEventsAsync(cancellationToken), atMs, isTrain, cancellationToken).ToBlockingEnumerable(cancellationToken);
        return await TraceFile.WriteAsync(output, reader.Header, events, cancellationToken);
    }
}
