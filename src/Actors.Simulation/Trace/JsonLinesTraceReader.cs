using System.Runtime.CompilerServices;
using System.Text.Json;
using Actors.Simulation.Traffic;

namespace Actors.Simulation.Trace;

/// <summary>Reads a JSON Lines trace line by line: header first, then events, then the end line.</summary>
internal sealed class JsonLinesTraceReader : TraceReader
{
    private readonly StreamReader _lines;

    private JsonLinesTraceReader(string path, TraceHeader header, StreamReader lines)
        : base(path, header)
    {
        _lines = lines;
    }

    public static async Task<TraceReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var lines = new StreamReader(path, System.Text.Encoding.UTF8, false, new FileStreamOptions { BufferSize = 1 << 16 });
        try
        {
            var first = await lines.ReadLineAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(first))
            {
                throw new TraceFormatException(path, "line 1", "empty file: expected the header object on the first line");
            }

            using var document = Parse(first, path, "line 1");
            var header = TraceHeader.Parse(document.RootElement, path, "line 1 (header)");
            return new JsonLinesTraceReader(path, header, lines);
        }
        catch
        {
            lines.Dispose();
            throw;
        }
    }

    public override async IAsyncEnumerable<TraceEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var validator = new TraceValidator(Path);
        var lineNumber = 1L;
        while (true)
        {
            var line = await _lines.ReadLineAsync(cancellationToken);
            lineNumber++;
            var where = $"line {lineNumber}";
            if (line is null)
            {
                throw new TraceFormatException(Path, where, $"truncated: the file ends after {validator.Count} events without its end line");
            }

            using var document = Parse(line, Path, where);
            var root = document.RootElement;
            if (root.TryGetProperty("end", out var end))
            {
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

            var e = ToEvent(root, where);
            validator.Check(e, where);
            yield return e;
        }
    }

    public override ValueTask DisposeAsync()
    {
        _lines.Dispose();
        return ValueTask.CompletedTask;
    }

    private static JsonDocument Parse(string line, string path, string where)
    {
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

        return new TraceEvent
        {
            Seq = Long(root, TraceColumns.Seq, where, required: true),
            TimeMs = Long(root, TraceColumns.TimeMs, where, required: true),
            Type = type,
            Fraud = fraud,
            Purpose = purpose,
            Episode = Long(root, TraceColumns.Episode, where),
            AmountMinor = Long(root, TraceColumns.AmountMinor, where),
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
