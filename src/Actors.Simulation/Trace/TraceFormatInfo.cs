namespace Actors.Simulation.Trace;

/// <summary>Version stamps of the trace format and of the generator that wrote a trace.</summary>
public static class TraceFormatInfo
{
    public const string FormatName = "actors-trace";

    /// <summary>
    /// Raised whenever the columns, their meaning or the file's framing change; readers refuse versions
    /// they do not know. Version 2 added checksums (a CRC-32 per Parquet row group, a checksum line per
    /// 4,096 JSON Lines lines); version 3 the balance of the posting account before and after every
    /// deposit, card authorization and transfer, and chargeback events (with original_seq). Versions 1
    /// and 2 are still read (version 1 without integrity checks; both without balances, which read as 0).
    /// </summary>
    public const int FormatVersion = 3;

    /// <summary>The first version whose files carry checksums.</summary>
    public const int FirstChecksummedVersion = 2;

    /// <summary>The first version whose files carry balance_before_minor and balance_after_minor.</summary>
    public const int FirstBalanceVersion = 3;

    /// <summary>The first version that knows the <c>refund</c>, <c>chargeback</c> and <c>atm_withdrawal</c> event types and the <c>original_seq</c> column.</summary>
    public const int FirstFollowUpVersion = 3;

    /// <summary>Every version this reader understands.</summary>
    public static readonly IReadOnlyList<int> ReadableVersions = [1, 2, 3];

    public const string GeneratorName = "Actors.Simulation";

    /// <summary>Raised whenever generation changes for the same parameters (traces are reproducible per version).</summary>
    public const string GeneratorVersion = "1.4.0";

    /// <summary>Parquet key-value metadata keys.</summary>
    public const string HeaderKey = "actors.trace.header";
    public const string EventCountKey = "actors.trace.events";

    /// <summary>Format 2: the CRC-32 of the header and of every row group (see TRACE-FORMAT.md).</summary>
    public const string ChecksumsKey = "actors.trace.checksums";

    /// <summary>Format 2 JSON Lines: a checksum line follows every this many covered lines (header included).</summary>
    public const int LinesPerChecksum = 4096;
}
