using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Actors.Simulation.Traffic;
using Parquet;
using Parquet.Schema;

namespace Actors.Simulation.Trace;

/// <summary>Reads a Parquet trace a row group at a time, checking the schema, header and every row.</summary>
internal sealed class ParquetTraceReader : TraceReader
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly Dictionary<string, DataField> _fields;
    private readonly long _declaredCount;

    private ParquetTraceReader(string path, TraceHeader header, Stream stream, ParquetReader reader, Dictionary<string, DataField> fields, long declaredCount)
        : base(path, header)
    {
        _stream = stream;
        _reader = reader;
        _fields = fields;
        _declaredCount = declaredCount;
    }

    public override long? DeclaredEventCount => _declaredCount;

    public static async Task<TraceReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, null, false, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stream.DisposeAsync();
            throw new TraceFormatException(path, "footer", $"not a readable Parquet file (truncated or corrupt): {e.Message}", e);
        }

        try
        {
            var metadata = reader.CustomMetadata;
            if (metadata is null || !metadata.TryGetValue(TraceFormatInfo.HeaderKey, out var headerJson))
            {
                throw new TraceFormatException(path, "header", $"no '{TraceFormatInfo.HeaderKey}' key-value metadata: not an actors trace");
            }

            TraceHeader header;
            try
            {
                using var document = JsonDocument.Parse(headerJson);
                header = TraceHeader.Parse(document.RootElement, path, "header");
            }
            catch (JsonException e)
            {
                throw new TraceFormatException(path, "header", $"header metadata is not JSON: {e.Message}", e);
            }

            if (!metadata.TryGetValue(TraceFormatInfo.EventCountKey, out var countText) || !long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new TraceFormatException(path, "header", $"no valid '{TraceFormatInfo.EventCountKey}' metadata");
            }

            var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
            var missing = ParquetTraceSchema.Schema.DataFields.Where(f => !fields.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
            if (missing.Length > 0)
            {
                throw new TraceFormatException(path, "schema", $"missing column(s): {string.Join(", ", missing)}");
            }

            foreach (var expected in ParquetTraceSchema.Schema.DataFields)
            {
                var actual = fields[expected.Name];
                if (actual.ClrType != expected.ClrType || actual.IsArray)
                {
                    throw new TraceFormatException(path, "schema", $"column {expected.Name} holds {actual.ClrType.Name}, expected {expected.ClrType.Name}");
                }
            }

            return new ParquetTraceReader(path, header, stream, reader, fields, count);
        }
        catch
        {
            await reader.DisposeAsync();
            await stream.DisposeAsync();
            throw;
        }
    }

    public override async IAsyncEnumerable<TraceEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var validator = new TraceValidator(Path);
        long row = 0;
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            var group = await ReadGroupAsync(g, cancellationToken);
            for (var i = 0; i < group.Count; i++)
            {
                var e = group.Event(i, Path, row);
                validator.Check(e, $"row {row}");
                row++;
                yield return e;
            }
        }

        if (row != _declaredCount)
        {
            throw new TraceFormatException(Path, "footer", $"holds {row} events but its metadata declares {_declaredCount} (truncated or spliced)");
        }
    }

    private async Task<ColumnGroup> ReadGroupAsync(int index, CancellationToken cancellationToken)
    {
        try
        {
            using var group = _reader.OpenRowGroupReader(index);
            var n = checked((int)group.RowCount);
            var columns = new ColumnGroup(n);
            foreach (var name in TraceColumns.Longs)
            {
                var values = new long[n];
                await group.ReadAsync<long>(_fields[name], values.AsMemory(), null, cancellationToken);
                columns.Longs[name] = values;
            }

            foreach (var name in TraceColumns.Ints)
            {
                var values = new int[n];
                await group.ReadAsync<int>(_fields[name], values.AsMemory(), null, cancellationToken);
                columns.Ints[name] = values;
            }

            foreach (var name in TraceColumns.RequiredTexts.Concat(TraceColumns.OptionalTexts))
            {
                var values = new string?[n];
                await group.ReadAsync(_fields[name], values.AsMemory(), null, cancellationToken);
                columns.Texts[name] = values;
            }

            return columns;
        }
        catch (Exception e) when (e is not (OperationCanceledException or TraceFormatException))
        {
            throw new TraceFormatException(Path, $"row group {index}", $"cannot be read (corrupt data): {e.Message}", e);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _stream.DisposeAsync();
    }

    private sealed class ColumnGroup(int count)
    {
        public int Count { get; } = count;

        public Dictionary<string, long[]> Longs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int[]> Ints { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string?[]> Texts { get; } = new(StringComparer.Ordinal);

        public TraceEvent Event(int i, string file, long row)
        {
            var where = $"row {row}";
            var typeName = Texts[TraceColumns.Type][i];
            if (!TraceNames.TryParseEventType(typeName, out var type))
            {
                throw new TraceFormatException(file, where, $"unknown event type '{typeName}' (expected one of {TraceNames.EventTypeNames})");
            }

            var fraudName = Texts[TraceColumns.Fraud][i];
            if (!TraceNames.TryParseFraudLabel(fraudName, out var fraud))
            {
                throw new TraceFormatException(file, where, $"unknown fraud label '{fraudName}'");
            }

            var purposeName = Texts[TraceColumns.Purpose][i];
            var purpose = default(Actors.Users.ConsentPurpose);
            if (purposeName is not null && !TraceNames.TryParsePurpose(purposeName, out purpose))
            {
                throw new TraceFormatException(file, where, $"unknown consent purpose '{purposeName}'");
            }

            return new TraceEvent
            {
                Seq = Longs[TraceColumns.Seq][i],
                TimeMs = Longs[TraceColumns.TimeMs][i],
                Type = type,
                Fraud = fraud,
                Episode = Longs[TraceColumns.Episode][i],
                AmountMinor = Longs[TraceColumns.AmountMinor][i],
                Mcc = Ints[TraceColumns.Mcc][i],
                Device = Ints[TraceColumns.Device][i],
                Purpose = purpose,
                UserId = Texts[TraceColumns.UserId][i],
                AccountId = Texts[TraceColumns.AccountId][i],
                CounterAccountId = Texts[TraceColumns.CounterAccountId][i],
                Currency = Texts[TraceColumns.Currency][i],
                MerchantId = Texts[TraceColumns.MerchantId][i],
                Country = Texts[TraceColumns.Country][i],
                Bank = Texts[TraceColumns.Bank][i],
                Name = Texts[TraceColumns.Name][i],
                Locale = Texts[TraceColumns.Locale][i],
                MessengerId = Texts[TraceColumns.MessengerId][i],
                SignupDate = Texts[TraceColumns.SignupDate][i],
                Iban = Texts[TraceColumns.Iban][i],
                RoutingNumber = Texts[TraceColumns.RoutingNumber][i],
                AccountNumber = Texts[TraceColumns.AccountNumber][i],
                CardNumber = Texts[TraceColumns.CardNumber][i],
                City = Texts[TraceColumns.City][i],
                RiskTier = Texts[TraceColumns.RiskTier][i],
            };
        }
    }
}
