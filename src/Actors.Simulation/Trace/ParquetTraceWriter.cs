using Actors.Simulation.Traffic;
using Parquet;
using Parquet.Schema;

namespace Actors.Simulation.Trace;

/// <summary>
/// Writes a trace as Parquet through Parquet.Net's low-level column API: rows are gathered into
/// column arrays and written a row group at a time, Snappy-compressed (fast; the default Zstd level
/// is about 100x slower). The header JSON, the event count and (format 2) the CRC-32 of the header and
/// of every row group go into the key-value metadata.
/// </summary>
internal sealed class ParquetTraceWriter
{
    public const int RowGroupSize = 131_072;
    private readonly long[][] _longs = TraceColumns.Longs.Select(_ => new long[RowGroupSize]).ToArray();
    private readonly int[][] _ints = TraceColumns.Ints.Select(_ => new int[RowGroupSize]).ToArray();
    private readonly string?[][] _texts = TraceColumns.RequiredTexts.Concat(TraceColumns.OptionalTexts).Select(_ => new string?[RowGroupSize]).ToArray();
    private readonly TraceChecksum _checksum = new();
    private DataField[] _longFields = [];
    private DataField[] _intFields = [];
    private DataField[] _textFields = [];
    private readonly List<string> _groupChecksums = [];
    private int _rows;

    public async Task<long> WriteAsync(Stream output, TraceHeader header, IEnumerable<TraceEvent> events, CancellationToken cancellationToken)
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest };
        // An older format is written as it was: formats 1 and 2 have no balance columns.
        var version = header.FormatVersion;
        _longFields = TraceColumns.LongsOf(version).Select(n => ParquetTraceSchema.Field(version, n)).ToArray();
        _intFields = TraceColumns.IntsOf(version).Select(n => ParquetTraceSchema.Field(version, n)).ToArray();
        _textFields = TraceColumns.RequiredTexts.Concat(TraceColumns.OptionalTexts).Select(n => ParquetTraceSchema.Field(version, n)).ToArray();
        long count = 0;
        await using (var writer = await ParquetWriter.CreateAsync(ParquetTraceSchema.Of(version), output, options, false, cancellationToken))
        {
            foreach (var e in events)
            {
                Add(e);
                count++;
                if (_rows == RowGroupSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await FlushAsync(writer, cancellationToken);
                }
            }

            if (_rows > 0 || count == 0)
            {
                await FlushAsync(writer, cancellationToken);
            }

            var headerJson = header.ToJson();
            var metadata = new Dictionary<string, string>
            {
                [TraceFormatInfo.HeaderKey] = headerJson,
                [TraceFormatInfo.EventCountKey] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (header.HasChecksums)
            {
                metadata[TraceFormatInfo.ChecksumsKey] = ParquetChecksums.ToJson(headerJson, _groupChecksums);
            }

            writer.CustomMetadata = metadata;
        }

        return count;
    }

    private void Add(in TraceEvent e)
    {
        var r = _rows++;
        _longs[0][r] = e.Seq;
        _longs[1][r] = e.TimeMs;
        _longs[2][r] = e.Episode;
        _longs[3][r] = e.AmountMinor;
        _longs[4][r] = e.BalanceBeforeMinor;
        _longs[5][r] = e.BalanceAfterMinor;
        _longs[6][r] = e.OriginalSeq;
        _ints[0][r] = e.Mcc;
        _ints[1][r] = e.Device;
        _ints[2][r] = e.LatTenths;
        _ints[3][r] = e.LonTenths;
        _ints[4][r] = e.Card;
        var t = _texts;
        t[0][r] = TraceNames.Of(e.Type);
        t[1][r] = TraceNames.Of(e.Fraud);
        t[2][r] = e.UserId;
        t[3][r] = e.AccountId;
        t[4][r] = e.CounterAccountId;
        t[5][r] = e.Currency;
        t[6][r] = e.MerchantId;
        t[7][r] = e.Country;
        t[8][r] = e.Bank;
        t[9][r] = TraceNames.Of(e.Purpose);
        t[10][r] = e.Name;
        t[11][r] = e.Locale;
        t[12][r] = e.MessengerId;
        t[13][r] = e.SignupDate;
        t[14][r] = e.Iban;
        t[15][r] = e.RoutingNumber;
        t[16][r] = e.AccountNumber;
        t[17][r] = e.CardNumber;
        t[18][r] = e.City;
        t[19][r] = e.RiskTier;
    }

    // Columns must be written in schema order: seq, time_ms, type, fraud, episode, amount_minor, (format 3) the balances and original_seq,
    // mcc, device, (format 3) the coordinates, then the optional texts.
    private async Task FlushAsync(ParquetWriter writer, CancellationToken cancellationToken)
    {
        var n = _rows;
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync(_longFields[0], new ReadOnlyMemory<long>(_longs[0], 0, n), null, null, cancellationToken);
            await group.WriteAsync(_longFields[1], new ReadOnlyMemory<long>(_longs[1], 0, n), null, null, cancellationToken);
            await group.WriteAsync(_textFields[0], new ArraySegment<string>(_texts[0]!, 0, n));
            await group.WriteAsync(_textFields[1], new ArraySegment<string>(_texts[1]!, 0, n));
            for (var i = 2; i < _longFields.Length; i++)
            {
                await group.WriteAsync(_longFields[i], new ReadOnlyMemory<long>(_longs[i], 0, n), null, null, cancellationToken);
            }

            for (var i = 0; i < _intFields.Length; i++)
            {
                await group.WriteAsync(_intFields[i], new ReadOnlyMemory<int>(_ints[i], 0, n), null, null, cancellationToken);
            }

            for (var i = 2; i < _textFields.Length; i++)
            {
                await group.WriteAsync(_textFields[i], new ArraySegment<string>(_texts[i]!, 0, n));
            }
        }

        _groupChecksums.Add(TraceChecksum.Format(Checksum(n)));
        foreach (var column in _texts)
        {
            Array.Clear(column, 0, n);
        }

        _rows = 0;
    }

    // The canonical order of TraceChecksum: these arrays are already in TraceColumns order (the longs of this file's format only).
    private uint Checksum(int n)
    {
        for (var i = 0; i < _longFields.Length; i++)
        {
            _checksum.AddLongs(_longs[i].AsSpan(0, n));
        }

        for (var i = 0; i < _intFields.Length; i++)
        {
            _checksum.AddInts(_ints[i].AsSpan(0, n));
        }

        foreach (var column in _texts)
        {
            _checksum.AddTexts(column.AsSpan(0, n));
        }

        return _checksum.Finish();
    }
}
