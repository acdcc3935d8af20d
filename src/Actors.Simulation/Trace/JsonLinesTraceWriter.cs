using System.Buffers;
using System.IO.Hashing;
using System.Text.Encodings.Web;
using System.Text.Json;
using Actors.Simulation.Traffic;

namespace Actors.Simulation.Trace;

/// <summary>
/// Writes a trace as JSON Lines: the header object on the first line, one event object per line
/// (fields that the event type does not use are left out), and a last line {"end":{"events":N}} so a
/// reader can tell a complete file from a truncated one. Format 2 adds a checksum line
/// {"checksum":{"crc32":"…","lines":[first,last]}} after every 4,096 lines (header and events, counted by
/// their line numbers in the file) and before the end line for the tail, the CRC-32 of those lines'
/// bytes with their line ends. Lines are gathered in memory and written in large chunks: flushing per
/// line would cost one write call per event.
/// </summary>
internal sealed class JsonLinesTraceWriter
{
    private const int ChunkBytes = 1 << 20;
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes * 2);
    private readonly Crc32 _crc = new();
    private bool _checksummed;
    private bool _format3Columns;
    private long _line;
    private long _firstCovered = 1;

    public async Task<long> WriteAsync(Stream output, TraceHeader header, IEnumerable<TraceEvent> events, CancellationToken cancellationToken)
    {
        _checksummed = header.HasChecksums;
        _format3Columns = header.HasFormat3Columns;
        using var json = new Utf8JsonWriter(_buffer, WriterOptions);
        header.Write(json);
        EndCoveredLine(json);
        long count = 0;
        foreach (var e in events)
        {
            WriteEvent(json, e, _format3Columns);
            EndCoveredLine(json);
            count++;
            if (_buffer.WrittenCount >= ChunkBytes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await output.WriteAsync(_buffer.WrittenMemory, cancellationToken);
                _buffer.ResetWrittenCount();
            }
        }

        if (_checksummed && _line >= _firstCovered)
        {
            WriteChecksum(json);
        }

        json.WriteStartObject();
        json.WriteStartObject("end");
        json.WriteNumber("events", count);
        json.WriteEndObject();
        json.WriteEndObject();
        EndLine(json);
        await output.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
        return count;
    }

    /// <summary>Ends a line the checksums cover (header, event); writes the checksum line when 4,096 are due.</summary>
    private void EndCoveredLine(Utf8JsonWriter json)
    {
        var start = _buffer.WrittenCount;
        EndLine(json);
        if (!_checksummed)
        {
            return;
        }

        _crc.Append(_buffer.WrittenSpan[start..]);
        if (_line - _firstCovered + 1 == TraceFormatInfo.LinesPerChecksum)
        {
            WriteChecksum(json);
        }
    }

    private void WriteChecksum(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartObject("checksum");
        json.WriteString("crc32", TraceChecksum.Format(_crc.GetCurrentHashAsUInt32()));
        json.WriteStartArray("lines");
        json.WriteNumberValue(_firstCovered);
        json.WriteNumberValue(_line);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        EndLine(json);
        _crc.Reset();
        _firstCovered = _line + 1;
    }

    // Json.Flush appends to the buffer before the line end: a line's bytes are contiguous from where it started.
    private void EndLine(Utf8JsonWriter json)
    {
        json.Flush();
        _buffer.Write("\n"u8);
        json.Reset(_buffer);
        _line++;
    }

    private static void WriteEvent(Utf8JsonWriter json, in TraceEvent e, bool format3Columns)
    {
        json.WriteStartObject();
        json.WriteNumber(TraceColumns.Seq, e.Seq);
        json.WriteNumber(TraceColumns.TimeMs, e.TimeMs);
        json.WriteString(TraceColumns.Type, TraceNames.Of(e.Type));
        json.WriteString(TraceColumns.Fraud, TraceNames.Of(e.Fraud));
        if (e.Episode != 0)
        {
            json.WriteNumber(TraceColumns.Episode, e.Episode);
        }

        Text(json, TraceColumns.UserId, e.UserId);
        Text(json, TraceColumns.AccountId, e.AccountId);
        Text(json, TraceColumns.CounterAccountId, e.CounterAccountId);
        if (e.AmountMinor != 0)
        {
            json.WriteNumber(TraceColumns.AmountMinor, e.AmountMinor);
        }

        // On every posting (format 3), 0 included: an empty account is a balance, not a missing field.
        if (format3Columns && e.Type.IsPosting())
        {
            json.WriteNumber(TraceColumns.BalanceBeforeMinor, e.BalanceBeforeMinor);
            json.WriteNumber(TraceColumns.BalanceAfterMinor, e.BalanceAfterMinor);
        }

        if (e.OriginalSeq != 0)
        {
            json.WriteNumber(TraceColumns.OriginalSeq, e.OriginalSeq);
        }

        Text(json, TraceColumns.Currency, e.Currency);
        Text(json, TraceColumns.MerchantId, e.MerchantId);
        if (e.Mcc != 0)
        {
            json.WriteNumber(TraceColumns.Mcc, e.Mcc);
        }

        Text(json, TraceColumns.Country, e.Country);
        if (e.Device != 0)
        {
            json.WriteNumber(TraceColumns.Device, e.Device);
        }

        if (e.Card != 0)
        {
            json.WriteNumber(TraceColumns.Card, e.Card);
        }

        // On every registration (format 3), 0 included: 0 is a latitude (the equator) and a longitude (Greenwich).
        if (format3Columns && e.Type is EventType.UserRegistered or EventType.MerchantRegistered)
        {
            json.WriteNumber(TraceColumns.LatTenths, e.LatTenths);
            json.WriteNumber(TraceColumns.LonTenths, e.LonTenths);
        }

        Text(json, TraceColumns.Bank, e.Bank);
        Text(json, TraceColumns.Purpose, TraceNames.Of(e.Purpose));
        Text(json, TraceColumns.Name, e.Name);
        Text(json, TraceColumns.Locale, e.Locale);
        Text(json, TraceColumns.MessengerId, e.MessengerId);
        Text(json, TraceColumns.SignupDate, e.SignupDate);
        Text(json, TraceColumns.Iban, e.Iban);
        Text(json, TraceColumns.RoutingNumber, e.RoutingNumber);
        Text(json, TraceColumns.AccountNumber, e.AccountNumber);
        Text(json, TraceColumns.CardNumber, e.CardNumber);
        Text(json, TraceColumns.City, e.City);
        Text(json, TraceColumns.RiskTier, e.RiskTier);
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
