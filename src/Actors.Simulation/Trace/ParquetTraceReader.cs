using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Actors.Simulation.Traffic;
using Parquet;
using Parquet.Schema;

namespace Actors.Simulation.Trace;

/// <summary>
/// Reads a Parquet trace a row group at a time, checking the schema, header and every row. Text is
/// read as bytes and decoded strictly (invalid UTF-8 is refused naming row and column, not replaced);
/// in format 2 each row group's CRC-32 is checked before any of its rows is handed out. Integer
/// columns may be declared nullable (pandas and pyarrow write them so) as long as they hold no null.
/// </summary>
internal sealed class ParquetTraceReader : TraceReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly Dictionary<string, DataField> _fields;

    // The text columns as plain byte arrays (same name and nullability): Parquet.Net would decode them leniently.
    private readonly Dictionary<string, DataField> _textsAsBytes;
    private readonly long _declaredCount;
    private readonly ParquetChecksums? _checksums;
    private readonly TraceChecksum _checksum = new();

    private ParquetTraceReader(string path, TraceHeader header, Stream stream, ParquetReader reader, Dictionary<string, DataField> fields, long declaredCount, ParquetChecksums? checksums)
        : base(path, header)
    {
        _stream = stream;
        _reader = reader;
        _fields = fields;
        // Parquet.Net reads a field only when it is attached to a schema: one of the file's columns, texts as bytes.
        var texts = new HashSet<string>(TraceColumns.RequiredTexts.Concat(TraceColumns.OptionalTexts), StringComparer.Ordinal);
        var asBytes = new ParquetSchema(reader.Schema.GetDataFields()
            .Select(f => texts.Contains(f.Name) ? new DataField<byte[]>(f.Name, f.IsNullable) : new DataField(f.Name, f.ClrType, f.IsNullable, f.IsArray)).ToArray<Field>());
        _textsAsBytes = asBytes.GetDataFields().Where(f => texts.Contains(f.Name)).ToDictionary(f => f.Name, StringComparer.Ordinal);
        _declaredCount = declaredCount;
        _checksums = checksums;
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
            var metadata = Metadata(reader, path);
            if (!metadata.TryGetValue(TraceFormatInfo.HeaderKey, out var headerJson))
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

            var fields = Fields(reader, path, header.FormatVersion);
            var checksums = header.HasChecksums ? ParquetChecksums.Read(metadata, headerJson, path) : null;
            if (checksums is not null && checksums.RowGroups.Count != reader.RowGroupCount)
            {
                throw new TraceFormatException(path, "footer", $"'{TraceFormatInfo.ChecksumsKey}' lists {checksums.RowGroups.Count} row group(s) but the file has {reader.RowGroupCount} (truncated or spliced)");
            }

            return new ParquetTraceReader(path, header, stream, reader, fields, count, checksums);
        }
        catch
        {
            await reader.DisposeAsync();
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The key-value metadata, read from the footer's own list so a key written twice (Parquet allows it,
    /// Parquet.Net's dictionary does not) is named instead of failing with "same key has already been added".
    /// </summary>
    private static Dictionary<string, string> Metadata(ParquetReader reader, string path)
    {
        var pairs = reader.Metadata?.KeyValueMetadata ?? [];
        var twice = pairs.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new TraceFormatException(path, "footer", $"key-value metadata key '{twice.Key}' appears {twice.Count()} times; a trace holds each key once. Rewrite the file with one value per key (pyarrow: table.replace_schema_metadata({{...}}) with a dict, which cannot hold a key twice)");
        }

        return pairs.ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal);
    }

    private static Dictionary<string, DataField> Fields(ParquetReader reader, string path, int formatVersion)
    {
        DataField[] all;
        try
        {
            all = reader.Schema.GetDataFields();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or IndexOutOfRangeException)
        {
            // Parquet.Net decodes the schema lazily, so a corrupt footer can surface only here.
            throw new TraceFormatException(path, "schema", $"the schema cannot be decoded (corrupt footer): {e.Message}", e);
        }

        var twice = all.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new TraceFormatException(path, "schema", $"column {twice.Key} appears {twice.Count()} times; write each column once");
        }

        var fields = all.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var schema = ParquetTraceSchema.Of(formatVersion);
        var missing = schema.DataFields.Where(f => !fields.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new TraceFormatException(path, "schema", $"missing column(s): {string.Join(", ", missing)}");
        }

        foreach (var expected in schema.DataFields)
        {
            var actual = fields[expected.Name];
            if (actual.ClrType != expected.ClrType || actual.IsArray)
            {
                throw new TraceFormatException(path, "schema", $"column {expected.Name} holds {actual.ClrType.Name}, expected {expected.ClrType.Name}");
            }
        }

        return fields;
    }

    public override async IAsyncEnumerable<TraceEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var validator = new TraceValidator(Path, Header.FormatVersion);
        long row = 0;
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            var group = await ReadGroupAsync(g, row, cancellationToken);
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

    private async Task<ColumnGroup> ReadGroupAsync(int index, long firstRow, CancellationToken cancellationToken)
    {
        try
        {
            using var group = _reader.OpenRowGroupReader(index);
            var n = checked((int)group.RowCount);
            var columns = new ColumnGroup(n);
            foreach (var name in TraceColumns.LongsOf(Header.FormatVersion))
            {
                var values = await ReadIntegersAsync<long>(group, name, n, firstRow, cancellationToken);
                _checksum.AddLongs(values);
                columns.Longs[name] = values;
            }

            foreach (var name in TraceColumns.IntsOf(Header.FormatVersion))
            {
                var values = await ReadIntegersAsync<int>(group, name, n, firstRow, cancellationToken);
                _checksum.AddInts(values);
                columns.Ints[name] = values;
            }

            foreach (var name in TraceColumns.RequiredTexts.Concat(TraceColumns.OptionalTexts))
            {
                var bytes = new byte[]?[n];
                await group.ReadAsync(_textsAsBytes[name], bytes.AsMemory(), null, cancellationToken);
                _checksum.AddTexts(bytes);
                columns.Texts[name] = Decode(bytes, name, firstRow);
            }

            var crc = _checksum.Finish();
            if (_checksums is not null && crc != _checksums.RowGroups[index])
            {
                throw new TraceFormatException(Path, $"row group {index} (rows {firstRow}-{firstRow + n - 1})",
                    $"checksum mismatch: its CRC-32 is {TraceChecksum.Format(crc)}, the file declares {TraceChecksum.Format(_checksums.RowGroups[index])} (the data changed after it was written: a bad disk, copy or edit)");
            }

            return columns;
        }
        catch (Exception e) when (e is not (OperationCanceledException or TraceFormatException))
        {
            throw new TraceFormatException(Path, $"row group {index}", $"cannot be read (corrupt data): {e.Message}", e);
        }
    }

    /// <summary>An integer column, required or (as pandas and pyarrow write them) nullable without nulls.</summary>
    private async Task<T[]> ReadIntegersAsync<T>(ParquetRowGroupReader group, string name, int n, long firstRow, CancellationToken cancellationToken)
        where T : struct
    {
        var field = _fields[name];
        var values = new T[n];
        if (!field.IsNullable)
        {
            await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            return values;
        }

        var nullable = new T?[n];
        await group.ReadAsync<T>(field, nullable.AsMemory(), null, cancellationToken);
        for (var i = 0; i < n; i++)
        {
            values[i] = nullable[i] ?? throw new TraceFormatException(Path, $"row {firstRow + i}",
                $"column {name} is null; integer columns hold 0 where unused. Fill the nulls with 0 before writing (pandas: df[\"{name}\"] = df[\"{name}\"].fillna(0).astype(\"int64\"))");
        }

        return values;
    }

    private string?[] Decode(byte[]?[] bytes, string name, long firstRow)
    {
        var texts = new string?[bytes.Length];
        byte[]? previous = null;
        string? previousText = null;
        for (var i = 0; i < bytes.Length; i++)
        {
            var value = bytes[i];
            if (value is null)
            {
                continue;
            }

            // Dictionary-encoded columns hand back one array per distinct value: decode it once.
            if (!ReferenceEquals(value, previous))
            {
                previous = value;
                previousText = DecodeStrict(value, name, firstRow + i);
            }

            texts[i] = previousText;
        }

        return texts;
    }

    private string DecodeStrict(byte[] value, string name, long row)
    {
        try
        {
            return StrictUtf8.GetString(value);
        }
        catch (DecoderFallbackException e)
        {
            throw new TraceFormatException(Path, $"row {row}", $"column {name} is not valid UTF-8 (byte {e.Index} of the value): text columns must be UTF-8", e);
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

        // Formats 1 and 2 have no balance or original_seq columns: their events read 0 there.
        private long Long(string name, int i) => Longs.TryGetValue(name, out var values) ? values[i] : 0;

        private int Int(string name, int i) => Ints.TryGetValue(name, out var values) ? values[i] : 0;

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
                BalanceBeforeMinor = Long(TraceColumns.BalanceBeforeMinor, i),
                BalanceAfterMinor = Long(TraceColumns.BalanceAfterMinor, i),
                OriginalSeq = Long(TraceColumns.OriginalSeq, i),
                Mcc = Ints[TraceColumns.Mcc][i],
                Device = Ints[TraceColumns.Device][i],
                LatTenths = Int(TraceColumns.LatTenths, i),
                LonTenths = Int(TraceColumns.LonTenths, i),
                Card = Int(TraceColumns.Card, i),
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
