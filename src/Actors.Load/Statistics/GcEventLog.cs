using System.Diagnostics.Tracing;
using System.Globalization;

namespace Actors.Load.Statistics;

/// <summary>
/// One line per garbage collection of this process, from the runtime's own GC events: when, generation, reason,
/// the pause (suspension to restart) and how long suspending the threads took, bytes promoted per generation and
/// by root kind (stack, finalization, handles, older generations through the card table). A tail that a GC sets
/// shows here with its cause: a long pause that promoted little through "older" is fixed cost; one that promoted
/// much through "older" is old objects that took young references.
/// </summary>
public sealed class GcEventLog : EventListener
{
    /// <summary>Column names of <see cref="Lines"/>, in order.</summary>
    public const string Header = "seconds gen reason kind pause_ms suspend_ms promoted_gen0_kb promoted_gen1_kb gen0_kb gen1_kb gen2_kb stack_kb finalize_kb handles_kb older_kb";

    private const int GCStart = 1;
    private const int GCRestartEEEnd = 3;
    private const int GCHeapStats = 4;
    private const int GCSuspendEEBegin = 9;
    private const int GCMarkWithType = 202;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private readonly List<double> _pauses = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly long[] _marked = new long[4];
    private DateTime? _suspendBegin;
    private DateTime? _gcStart;
    private int _generation = -1;
    private string _reason = "";
    private string _kind = "";
    private (long P0, long P1, long G0, long G1, long G2) _stats;

    /// <summary>The collections seen so far, one line each (columns as <see cref="Header"/>).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The pause of each collection seen so far, in milliseconds.</summary>
    public IReadOnlyList<double> PausesMs
    {
        get
        {
            lock (_lock)
            {
                return [.. _pauses];
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x1); // GC keyword
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var e = eventData;
        lock (_lock)
        {
            switch (e.EventId)
            {
                case GCSuspendEEBegin:
                    _suspendBegin = e.TimeStamp;
                    Array.Clear(_marked);
                    break;
                case GCStart:
                    _gcStart = e.TimeStamp;
                    _generation = Convert.ToInt32(Payload(e, "Depth"), C);
                    _reason = Payload(e, "Reason")?.ToString() ?? "";
                    _kind = Payload(e, "Type")?.ToString() ?? "";
                    break;
                case GCMarkWithType:
                    var type = Convert.ToInt32(Payload(e, "Type"), C);
                    if (type is >= 0 and < 4)
                    {
                        _marked[type] += Convert.ToInt64(Payload(e, "Bytes"), C);
                    }

                    break;
                case GCHeapStats:
                    _stats = (Long(e, "TotalPromotedSize0"), Long(e, "TotalPromotedSize1"), Long(e, "GenerationSize0"), Long(e, "GenerationSize1"), Long(e, "GenerationSize2"));
                    break;
                case GCRestartEEEnd when _suspendBegin is { } begin && _gcStart is { } start:
                    var pause = (e.TimeStamp - begin).TotalMilliseconds;
                    var suspend = (start - begin).TotalMilliseconds;
                    _pauses.Add(pause);
                    _lines.Add(string.Join(' ',
                        ((begin - _started).TotalSeconds).ToString("0.000", C), _generation.ToString(C), _reason, _kind, pause.ToString("0.000", C), suspend.ToString("0.000", C),
                        Kb(_stats.P0), Kb(_stats.P1), Kb(_stats.G0), Kb(_stats.G1), Kb(_stats.G2), Kb(_marked[0]), Kb(_marked[1]), Kb(_marked[2]), Kb(_marked[3])));
                    _suspendBegin = null;
                    _gcStart = null;
                    break;
            }
        }
    }

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 ? e.Payload![index] : null;
    }

    private static long Long(EventWrittenEventArgs e, string name) => Payload(e, name) is { } value ? Convert.ToInt64(value, C) : 0;

    private static string Kb(long bytes) => (bytes / 1024).ToString(C);
}
