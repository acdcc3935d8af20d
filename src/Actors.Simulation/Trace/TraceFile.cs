using Actors.Simulation.Traffic;

namespace Actors.Simulation.Trace;

public enum TraceEncoding
{
    Parquet,
    JsonLines,
}

/// <summary>
/// Writes and opens trace files, choosing the encoding by extension (.parquet or .jsonl). Writing
/// goes to a temporary file that replaces the target only when complete: nothing half-written is
/// ever left under the target's name.
/// </summary>
public static class TraceFile
{
    /// <exception cref="ArgumentException">The extension is neither .parquet nor .jsonl.</exception>
    public static TraceEncoding EncodingOf(string path)
    {
        var extension = System.IO.Path.GetExtension(path);
        return extension.ToLowerInvariant() switch
        {
            ".parquet" => TraceEncoding.Parquet,
            ".jsonl" => TraceEncoding.JsonLines,
            _ => throw new ArgumentException($"Trace file '{path}' must end in .parquet or .jsonl (was '{extension}').", nameof(path)),
        };
    }

    /// <returns>The number of events written.</returns>
    public static async Task<long> WriteAsync(string path, TraceHeader header, IEnumerable<TraceEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        var encoding = EncodingOf(path);
        var temporary = path + ".partial";
        try
        {
            long count;
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                count = await WriteAsync(stream, encoding, header, events, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
            return count;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static Task<long> WriteAsync(Stream output, TraceEncoding encoding, TraceHeader header, IEnumerable<TraceEvent> events, CancellationToken cancellationToken = default) =>
        encoding == TraceEncoding.Parquet
            ? new ParquetTraceWriter().WriteAsync(output, header, InFormat(header, events), cancellationToken)
            : new JsonLinesTraceWriter().WriteAsync(output, header, InFormat(header, events), cancellationToken);

    /// <summary>Refuses an event the header's format cannot hold rather than writing a file its readers would refuse.</summary>
    private static IEnumerable<TraceEvent> InFormat(TraceHeader header, IEnumerable<TraceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (header.FormatVersion >= TraceFormatInfo.FirstFollowUpVersion)
        {
            return events;
        }

        return events.Select(e => e.Type.FirstFormat() > header.FormatVersion
            ? throw new InvalidOperationException($"Event {e.Seq} is a {TraceNames.Of(e.Type)}, which format {header.FormatVersion} cannot hold (new in format {e.Type.FirstFormat()}); generate without refunds, chargebacks and ATM withdrawals (--refund-rate 0 --label-noise 0 --unreported-fraud 1 --atm-withdrawals-per-day 0) to write format {header.FormatVersion}.")
            : e);
    }

    /// <summary>Opens a trace and reads its header.</summary>
    /// <exception cref="TraceFormatException">The file is not a readable trace of a known version.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static Task<TraceReader> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var encoding = EncodingOf(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Trace file '{path}' does not exist.", path);
        }

        return encoding == TraceEncoding.Parquet
            ? ParquetTraceReader.OpenAsync(path, cancellationToken)
            : JsonLinesTraceReader.OpenAsync(path, cancellationToken);
    }
}
