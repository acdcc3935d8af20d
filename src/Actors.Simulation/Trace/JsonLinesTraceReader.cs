using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using Actors.Simulation.Traffic;

namespace Actors.Simulation.Trace;

/// <summary>
/// Reads a JSON Lines trace line by line: header first, then events, then the end line. Lines are
/// read as bytes: invalid UTF-8 is refused naming the line, field and byte column. In format 2 the
/// events of each checksummed run of lines are handed out only after its checksum line matched.
/// </summary>
internal sealed class JsonLinesTraceReader : TraceReader
{
    private readonly Utf8LineReader _lines;
    private readonly Crc32 _crc;

    private JsonLinesTraceReader(string path, TraceHeader header, Utf8LineReader lines, Crc32 crc)
        : base(path, header)
    {
        _lines = lines;
        _crc = crc;
    }

    public static async Task<TraceReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var lines = new Utf8LineReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous));
        try
        {
            var first = await lines.ReadLineAsync(cancellationToken);
            if (first is { } withMark && withMark.Span.StartsWith(Encoding.UTF8.Preamble))
            {
                first = withMark[Encoding.UTF8.Preamble.Length..]; // a byte order mark (Windows tools write one) is not part of the header
            }

            if (first is not { } header || IsBlank(header.Span))
            {
                throw new TraceFormatException(path, "line 1", "empty file: expected the header object on the first line");
            }

            var crc = new Crc32();
            AppendLine(crc, header.Span);
            using var document = Parse(header, path, 1);
            return new JsonLinesTraceReader(path, TraceHeader.Parse(document.RootElement, path, "line 1 (header)"), lines, crc);
        }
        catch
        {
            lines.Dispose();
            throw;
        }
    }

    public override async IAsyncEnumerable<TraceEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var checksummed = Header.HasChecksums;
        var validator = new TraceValidator(Path, Header.FormatVersion);
        var pending = new List<TraceEvent>(checksummed ? TraceFormatInfo.LinesPerChecksum : 0);
        long lineNumber = 1, firstCovered = 1;
        while (true)
        {
            var read = await _lines.ReadLineAsync(cancellationToken);
            lineNumber++;
            var where = $"line {lineNumber}";
            if (read is not { } line)
            {
                throw new TraceFormatException(Path, where, $"truncated: the file ends after {validator.Count} events without its end line");
            }

            using var document = Parse(line, Path, lineNumber);
            var root = document.RootElement;
            if (root.TryGetProperty("checksum", out var checksum))
            {
                if (!checksummed)
                {
                    throw new TraceFormatException(Path, where, $"checksum line in a format-{Header.FormatVersion} trace, which carries none");
                }

                VerifyChecksum(checksum, firstCovered, lineNumber);
                foreach (var verified in pending)
                {
                    yield return verified;
                }

                pending.Clear();
                firstCovered = lineNumber + 1;
                continue;
            }

            if (root.TryGetProperty("end", out var end))
            {
                if (checksummed && lineNumber > firstCovered)
                {
                    throw new TraceFormatException(Path, Lines(firstCovered, lineNumber - 1), "not covered by a checksum line: the checksum line before the end line is missing");
                }

                var declared = end.TryGetProperty("events", out var events) && events.TryGetInt64(out var n) ? n : -1;
                if (declared != validator.Count)
                {
                    throw new TraceFormatException(Path, where, $"end line declares {declared} events but the file holds {validator.Count}");
                }

                if (await _lines.ReadLineAsync(cancellationToken) is { Length: > 0 })
                {
                    throw new TraceFormatException(Path, $"line {lineNumber + 1}", "data after the end line");
                }

                yield break;
            }

            if (checksummed && lineNumber - firstCovered == TraceFormatInfo.LinesPerChecksum)
            {
                throw new TraceFormatException(Path, where, $"expected the checksum line of {Lines(firstCovered, lineNumber - 1)} here (a checksum line was removed or lines were inserted)");
            }

            var e = ToEvent(root, where);
            validator.Check(e, where);
            if (!checksummed)
            {
                yield return e;
                continue;
            }

            AppendLine(_crc, line.Span);
            pending.Add(e);
        }
    }

    public override ValueTask DisposeAsync()
    {
        _lines.Dispose();
        return ValueTask.CompletedTask;
    }

    private void VerifyChecksum(JsonElement checksum, long firstCovered, long lineNumber)
    {
        var covered = Lines(firstCovered, lineNumber - 1);
        var declared = checksum.ValueKind == JsonValueKind.Object && checksum.TryGetProperty("crc32", out var value) && TraceChecksum.TryParse(value.ValueKind == JsonValueKind.String ? value.GetString() : null, out var crc)
            ? crc
            : throw new TraceFormatException(Path, $"line {lineNumber}", "checksum line without a valid \"crc32\" (eight lowercase hex digits)");
        var range = checksum.TryGetProperty("lines", out var lines) && lines.ValueKind == JsonValueKind.Array && lines.GetArrayLength() == 2
            && lines[0].TryGetInt64(out var from) && lines[1].TryGetInt64(out var to) ? (from, to) : (-1, -1);
        if (range != (firstCovered, lineNumber - 1))
        {
            throw new TraceFormatException(Path, $"line {lineNumber}", $"checksum line covers lines {range.Item1}-{range.Item2}, expected {covered} (lines were removed or inserted)");
        }

        var actual = _crc.GetCurrentHashAsUInt32();
        _crc.Reset();
        if (actual != declared)
        {
            throw new TraceFormatException(Path, covered, $"checksum mismatch: their CRC-32 is {TraceChecksum.Format(actual)}, the checksum line {lineNumber} declares {TraceChecksum.Format(declared)} (the data changed after it was written: a bad disk, copy or edit)");
        }
    }

    private static string Lines(long first, long last) => $"lines {first}-{last}";

    private static void AppendLine(Crc32 crc, ReadOnlySpan<byte> line)
    {
        crc.Append(line);
        crc.Append("\n"u8);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    private static JsonDocument Parse(ReadOnlyMemory<byte> line, string path, long lineNumber)
    {
        var where = $"line {lineNumber}";
        if (!Utf8.IsValid(line.Span))
        {
            throw new TraceFormatException(path, where, InvalidUtf8(line.Span));
        }

        try
        {
            var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new TraceFormatException(path, where, "not a JSON object");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new TraceFormatException(path, where, $"corrupt JSON ({e.Message})", e);
        }
    }

    /// <summary>Names the field whose text holds the first invalid byte, and the byte's column (1-based).</summary>
    private static string InvalidUtf8(ReadOnlySpan<byte> line)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(line[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        string? field = null;
        try
        {
            var json = new Utf8JsonReader(line);
            string? property = null;
            while (json.Read() && field is null)
            {
                var inToken = json.TokenStartIndex <= offset && offset < json.BytesConsumed;
                if (json.TokenType == JsonTokenType.PropertyName)
                {
                    property = Encoding.UTF8.GetString(json.ValueSpan);
                    field = inToken ? "a field name" : null;
                }
                else if (inToken)
                {
                    field = $"\"{property}\"";
                }
            }
        }
        catch (JsonException)
        {
            // The line is not JSON either: the column alone must do.
        }

        return $"invalid UTF-8 in {field ?? "the line"} at byte column {offset + 1}: text must be UTF-8";
    }

    private TraceEvent ToEvent(JsonElement root, string where)
    {
        var typeName = RequiredText(root, TraceColumns.Type, where);
        if (!TraceNames.TryParseEventType(typeName, out var type))
        {
            throw new TraceFormatException(Path, where, $"unknown event type '{typeName}' (expected one of {TraceNames.EventTypeNames})");
        }

        var fraudName = RequiredText(root, TraceColumns.Fraud, where);
        if (!TraceNames.TryParseFraudLabel(fraudName, out var fraud))
        {
            throw new TraceFormatException(Path, where, $"unknown fraud label '{fraudName}'");
        }

        var purposeName = Text(root, TraceColumns.Purpose, where);
        var purpose = default(Actors.Users.ConsentPurpose);
        if (purposeName is not null && !TraceNames.TryParsePurpose(purposeName, out purpose))
        {
            throw new TraceFormatException(Path, where, $"unknown consent purpose '{purposeName}'");
        }

        // Format 3 writes these on every event of the types that carry them, 0 included: a missing one is a missing field, not a 0.
        var format3 = Header.HasFormat3Columns;
        var balances = format3 && type.IsPosting();
        var place = format3 && type is EventType.UserRegistered or EventType.MerchantRegistered;
        return new TraceEvent
        {
            Seq = Long(root, TraceColumns.Seq, where, required: true),
            TimeMs = Long(root, TraceColumns.TimeMs, where, required: true),
            Type = type,
            Fraud = fraud,
            Purpose = purpose,
            Episode = Long(root, TraceColumns.Episode, where),
            AmountMinor = Long(root, TraceColumns.AmountMinor, where),
            BalanceBeforeMinor = format3 ? Long(root, TraceColumns.BalanceBeforeMinor, where, required: balances) : 0,
            BalanceAfterMinor = format3 ? Long(root, TraceColumns.BalanceAfterMinor, where, required: balances) : 0,
            OriginalSeq = format3 ? Long(root, TraceColumns.OriginalSeq, where) : 0,
            LatTenths = format3 ? (int)Long(root, TraceColumns.LatTenths, where, required: place) : 0,
            LonTenths = format3 ? (int)Long(root, TraceColumns.LonTenths, where, required: place) : 0,
            Card = format3 ? (int)Long(root, TraceColumns.Card, where) : 0,
            Mcc = (int)Long(root, TraceColumns.Mcc, where),
            Device = (int)Long(root, TraceColumns.Device, where),
            UserId = Text(root, TraceColumns.UserId, where),
            AccountId = Text(root, TraceColumns.AccountId, where),
            CounterAccountId = Text(root, TraceColumns.CounterAccountId, where),
            Currency = Text(root, TraceColumns.Currency, where),
            MerchantId = Text(root, TraceColumns.MerchantId, where),
            Country = Text(root, TraceColumns.Country, where),
            Bank = Text(root, TraceColumns.Bank, where),
            Name = Text(root, TraceColumns.Name, where),
            Locale = Text(root, TraceColumns.Locale, where),
            MessengerId = Text(root, TraceColumns.MessengerId, where),
            SignupDate = Text(root, TraceColumns.SignupDate, where),
            Iban = Text(root, TraceColumns.Iban, where),
            RoutingNumber = Text(root, TraceColumns.RoutingNumber, where),
            AccountNumber = Text(root, TraceColumns.AccountNumber, where),
            CardNumber = Text(root, TraceColumns.CardNumber, where),
            City = Text(root, TraceColumns.City, where),
            RiskTier = Text(root, TraceColumns.RiskTier, where),
        };
    }

    private string RequiredText(JsonElement root, string name, string where) =>
        Text(root, name, where) ?? throw new TraceFormatException(Path, where, $"missing \"{name}\"");

    private string? Text(JsonElement root, string name, string where)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new TraceFormatException(Path, where, $"\"{name}\" must be a string, was {value.ValueKind}");
    }

    private long Long(JsonElement root, string name, string where, bool required = false)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return required ? throw new TraceFormatException(Path, where, $"missing \"{name}\"") : 0;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new TraceFormatException(Path, where, $"\"{name}\" must be an integer, was {value}");
    }
}
