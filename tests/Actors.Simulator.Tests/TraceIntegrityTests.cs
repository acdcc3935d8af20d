using System.Globalization;
using System.Text;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;
using Parquet;
using Parquet.Schema;
using Spectre.Console;

namespace Actors.Simulator.Tests;

/// <summary>
/// Format 2's integrity: a changed bit is refused or changes nothing, invalid UTF-8 is refused naming the
/// row, format-1 traces are still read (without checksums), and Parquet files as other tools write them
/// (nullable columns, a metadata key twice) are accepted or refused in the reader's own words.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TraceIntegrityTests : IDisposable
{
    private const int Flips = 300;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("flip.parquet")]
    [InlineData("flip.jsonl")]
    public async Task Every_single_bit_flip_is_refused_or_leaves_the_trace_unchanged(string name)
    {
        var world = TestSupport.Small(seed: 17, users: 12, days: 1, fraud: 0.05);
        var path = await TestSupport.WriteAsync(world, _folder.Path, name);
        var original = await File.ReadAllBytesAsync(path);
        var (header, events) = await ReadAsync(path);
        var random = new Random(2024);
        var copy = _folder.File("copy" + Path.GetExtension(name));
        int refused = 0, unchanged = 0, checksums = 0;
        for (var i = 0; i < Flips; i++)
        {
            var position = random.Next(original.Length);
            var bit = random.Next(8);
            var bytes = (byte[])original.Clone();
            bytes[position] ^= (byte)(1 << bit);
            await File.WriteAllBytesAsync(copy, bytes);
            try
            {
                var (flippedHeader, flipped) = await ReadAsync(copy);
                Assert.True(header.ToJson() == flippedHeader.ToJson() && events.SequenceEqual(flipped), $"bit {bit} of byte {position} of {original.Length} changed the decoded trace without an error");
                unchanged++;
            }
            catch (TraceFormatException e)
            {
                Assert.Contains(copy, e.Message, StringComparison.Ordinal);
                refused++;
                checksums += e.Problem.StartsWith("checksum mismatch", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        Assert.Equal(Flips, refused + unchanged);
        // The checksums are what catches the flips the decoders accept: without them these would pass unnoticed.
        Assert.True(checksums > 0, $"{refused} refused, none by a checksum");
        Console.WriteLine($"{name}: {Flips} single-bit flips in {original.Length:N0} bytes: {refused} refused ({checksums} by a checksum), {unchanged} changed nothing");
    }

    [Theory]
    [InlineData(TraceColumns.AmountMinor)]
    [InlineData(TraceColumns.BalanceBeforeMinor)]
    [InlineData(TraceColumns.BalanceAfterMinor)]
    public async Task A_changed_parquet_amount_or_balance_is_refused_by_inspect_and_replay_naming_the_row_group(string column)
    {
        var world = TestSupport.Small(seed: 4, users: 30, days: 1);
        var events = new TrafficGenerator(world).ToArray();
        var original = await ChecksumsOf(await TestSupport.WriteAsync(world, _folder.Path, "amount.parquet", events));
        // The same trace with one value changed and the original's checksums: a change the Parquet decoder accepts.
        var index = Array.FindIndex(events, e => e.Type == EventType.CardAuthorization);
        var e = events[index];
        events[index] = column switch
        {
            TraceColumns.AmountMinor => e with { AmountMinor = e.AmountMinor + 1 },
            TraceColumns.BalanceBeforeMinor => e with { BalanceBeforeMinor = e.BalanceBeforeMinor + 1 },
            _ => e with { BalanceAfterMinor = e.BalanceAfterMinor + 1 },
        };
        var changed = await TestSupport.WriteAsync(world, _folder.Path, "changed.parquet", events);
        var bytes = await File.ReadAllBytesAsync(changed);
        ReplaceAscii(bytes, await ChecksumsOf(changed), original);
        await File.WriteAllBytesAsync(changed, bytes);

        var (inspect, inspectErrors) = await ConsoleCapture.RunAsync(() => SimulatorCommand.RunAsync(["inspect", changed]));
        var (replay, replayErrors) = await ConsoleCapture.RunAsync(() => SimulatorCommand.RunAsync(["replay", changed, "--engine", "ledger"]));

        foreach (var (exit, errors) in new[] { (inspect, inspectErrors), (replay, replayErrors) })
        {
            Assert.True(exit == ExitCodes.BadArguments, $"exit {exit}: {errors}");
            Assert.Contains($"row group 0 (rows 0-{events.Length - 1}): checksum mismatch", errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_changed_jsonl_line_is_refused_naming_the_lines_its_checksum_covers()
    {
        var world = TestSupport.Small(seed: 4, users: 800, days: 1);
        var path = await TestSupport.WriteAsync(world, _folder.Path, "amount.jsonl");
        var lines = await File.ReadAllLinesAsync(path);
        Assert.True(lines.Length > TraceFormatInfo.LinesPerChecksum + 3, "the trace spans more than one checksum line");
        var index = Array.FindIndex(lines, TraceFormatInfo.LinesPerChecksum + 1, l => l.Contains("\"amount_minor\":", StringComparison.Ordinal));
        lines[index] = System.Text.RegularExpressions.Regex.Replace(lines[index], "\"amount_minor\":(\\d)", m => "\"amount_minor\":" + (m.Groups[1].Value == "9" ? "8" : "9"));
        await File.WriteAllLinesAsync(path, lines);

        var (exit, errors) = await ConsoleCapture.RunAsync(() => SimulatorCommand.RunAsync(["inspect", path]));

        var first = TraceFormatInfo.LinesPerChecksum + 2;
        var last = Math.Min(first + TraceFormatInfo.LinesPerChecksum - 1, lines.Length - 2);
        Assert.True(exit == ExitCodes.BadArguments, $"exit {exit}: {errors}");
        Assert.Contains($"lines {first}-{last}: checksum mismatch", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jsonl_with_a_checksum_line_removed_is_refused()
    {
        var path = await TestSupport.WriteAsync(TestSupport.Small(seed: 4, users: 800, days: 1), _folder.Path, "gap.jsonl");
        var lines = (await File.ReadAllLinesAsync(path)).ToList();
        lines.RemoveAt(TraceFormatInfo.LinesPerChecksum);
        await File.WriteAllLinesAsync(path, lines);

        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal($"line {TraceFormatInfo.LinesPerChecksum + 1}", error.Where);
        Assert.Contains("expected the checksum line of lines 1-4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_jsonl_string_is_refused_naming_the_line_and_field()
    {
        var path = await TestSupport.WriteAsync(TestSupport.Small(users: 20), _folder.Path, "utf8.jsonl");
        var lines = File.ReadAllBytes(path).Split((byte)'\n');
        var index = Array.FindIndex(lines, l => Encoding.UTF8.GetString(l).Contains("\"user_registered\"", StringComparison.Ordinal));
        var name = Encoding.UTF8.GetString(lines[index]).IndexOf("\"name\":\"", StringComparison.Ordinal) + "\"name\":\"".Length;
        lines[index][name + 1] = 0xFF;
        await File.WriteAllBytesAsync(path, lines.Join((byte)'\n'));

        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal($"line {index + 1}", error.Where);
        Assert.Equal($"invalid UTF-8 in \"name\" at byte column {name + 2}: text must be UTF-8", error.Problem);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_parquet_string_column_is_refused_naming_the_row_and_column()
    {
        const string Marker = "Qz7Xw3Vk9Jp2Rt8Yh4Lb";
        var world = TestSupport.Small(users: 20);
        var events = new TrafficGenerator(world).ToArray();
        var index = Array.FindIndex(events, e => e.Type == EventType.UserRegistered);
        events[index] = events[index] with { Name = Marker };
        var path = await TestSupport.WriteAsync(world, _folder.Path, "utf8.parquet", events);
        var bytes = await File.ReadAllBytesAsync(path);
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Marker));
        Assert.True(at >= 0, "the marker is stored as written (a Snappy literal)");
        bytes[at + 3] = 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal($"row {index}", error.Where);
        Assert.StartsWith("column name is not valid UTF-8 (byte 3 of the value)", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1.parquet")]
    [InlineData("v1.jsonl")]
    public async Task Format_1_traces_are_still_read_and_inspect_says_they_carry_no_checksums(string name)
    {
        var world = TestSupport.Small(users: 30, followUps: false);
        var path = _folder.File(name);
        await TraceFile.WriteAsync(path, TraceHeader.For(world) with { FormatVersion = 1 }, new TrafficGenerator(world));
        var current = await TestSupport.WriteAsync(world, _folder.Path, "v3" + Path.GetExtension(name));

        Assert.Equal(WithoutFormat3Columns(new TrafficGenerator(world)), await TestSupport.ReadAllAsync(path));
        var (exit, output) = await RunCapturingOutput(["inspect", path]);
        Assert.True(exit == ExitCodes.Ok, output);
        Assert.Contains("Integrity: format 1 carries no checksums", output, StringComparison.Ordinal);
        (exit, output) = await RunCapturingOutput(["inspect", current]);
        Assert.True(exit == ExitCodes.Ok, output);
        Assert.Contains($"Integrity: format {TraceFormatInfo.FormatVersion}, every checksum matched", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v2.parquet")]
    [InlineData("v2.jsonl")]
    public async Task Format_2_traces_are_written_without_balances_and_read_with_their_checksums_verified(string name)
    {
        var world = TestSupport.Small(users: 30, fraud: 0.05, followUps: false);
        var path = _folder.File(name);
        await TraceFile.WriteAsync(path, TraceHeader.For(world) with { FormatVersion = 2 }, new TrafficGenerator(world));

        Assert.DoesNotContain(TraceColumns.BalanceBeforeMinor, await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Equal(WithoutFormat3Columns(new TrafficGenerator(world)), await TestSupport.ReadAllAsync(path));
        var (exit, output) = await RunCapturingOutput(["inspect", path]);
        Assert.True(exit == ExitCodes.Ok, output);
        Assert.Contains("Integrity: format 2, every checksum matched", output, StringComparison.Ordinal);
        (exit, output) = await RunCapturingOutput(["replay", path, "--engine", "ledger"]);
        Assert.True(exit == ExitCodes.Ok, output);
    }

    /// <summary>The events as formats 1 and 2 hold them: no balance, coordinate or card columns, so those read as 0.</summary>
    private static TraceEvent[] WithoutFormat3Columns(IEnumerable<TraceEvent> events) =>
        events.Select(e => e with { BalanceBeforeMinor = 0, BalanceAfterMinor = 0, LatTenths = 0, LonTenths = 0, Card = 0 }).ToArray();

    [Fact]
    public async Task Parquet_with_nullable_columns_and_no_nulls_is_read_like_the_trace()
    {
        var world = TestSupport.Small(users: 30, followUps: false);
        var events = new TrafficGenerator(world).ToArray();
        var path = _folder.File("pandas.parquet");
        await WriteNullable(path, events, world, nullAmountAt: null);

        Assert.Equal(WithoutFormat3Columns(events), await TestSupport.ReadAllAsync(path));
    }

    [Fact]
    public async Task Parquet_with_a_null_in_an_integer_column_is_refused_naming_column_row_and_remedy()
    {
        var world = TestSupport.Small(users: 30, followUps: false);
        var events = new TrafficGenerator(world).ToArray();
        var path = _folder.File("null.parquet");
        await WriteNullable(path, events, world, nullAmountAt: 7);

        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal("row 7", error.Where);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("column amount_minor is null", error.Problem, StringComparison.Ordinal);
        Assert.Contains("fillna(0)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parquet_with_a_metadata_key_twice_is_refused_naming_the_key_and_remedy()
    {
        var world = TestSupport.Small(users: 20, followUps: false);
        var path = _folder.File("twice.parquet");
        var decoy = TraceFormatInfo.HeaderKey[..^1] + "X";
        await WriteNullable(path, new TrafficGenerator(world).ToArray(), world, nullAmountAt: null, extraKey: decoy);
        var bytes = await File.ReadAllBytesAsync(path);
        ReplaceAscii(bytes, decoy, TraceFormatInfo.HeaderKey);
        await File.WriteAllBytesAsync(path, bytes);

        var (exit, errors) = await ConsoleCapture.RunAsync(() => SimulatorCommand.RunAsync(["inspect", path]));

        Assert.True(exit == ExitCodes.BadArguments, $"exit {exit}: {errors}");
        Assert.Contains($"{path}: footer: key-value metadata key '{TraceFormatInfo.HeaderKey}' appears 2 times", errors, StringComparison.Ordinal);
        Assert.Contains("Rewrite the file with one value per key", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("same key", errors, StringComparison.Ordinal);
    }

    private static async Task<(TraceHeader Header, List<TraceEvent> Events)> ReadAsync(string path)
    {
        await using var reader = await TraceFile.OpenAsync(path);
        var events = new List<TraceEvent>();
        await foreach (var e in reader.ReadEventsAsync())
        {
            events.Add(e);
        }

        return (reader.Header, events);
    }

    private static async Task<string> ChecksumsOf(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        return reader.CustomMetadata[TraceFormatInfo.ChecksumsKey];
    }

    private static void ReplaceAscii(byte[] bytes, string from, string to)
    {
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(from));
        Assert.True(at >= 0, $"'{from}' is stored as written");
        Encoding.ASCII.GetBytes(to).CopyTo(bytes, at);
    }

    /// <summary>A format-1 trace as pandas/pyarrow write it: every column nullable; optionally one null amount.</summary>
    private static async Task WriteNullable(string path, TraceEvent[] events, Actors.Simulation.Population.World world, int? nullAmountAt, string? extraKey = null)
    {
        var longs = TraceColumns.LongsOf(1).Select(n => new DataField<long?>(n)).ToArray();
        var ints = TraceColumns.IntsOf(1).Select(n => new DataField<int?>(n)).ToArray();
        var texts = TraceColumns.RequiredTexts.Concat(TraceColumns.OptionalTexts).Select(n => new DataField<string>(n, true)).ToArray();
        await using var output = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema([.. longs, .. ints, .. texts]), output);
        var metadata = new Dictionary<string, string>
        {
            [TraceFormatInfo.HeaderKey] = (TraceHeader.For(world) with { FormatVersion = 1 }).ToJson(),
            [TraceFormatInfo.EventCountKey] = events.Length.ToString(CultureInfo.InvariantCulture),
        };
        if (extraKey is not null)
        {
            metadata[extraKey] = "{}";
        }

        writer.CustomMetadata = metadata;

        using var group = writer.CreateRowGroup();
        Func<TraceEvent, long>[] longValues = [e => e.Seq, e => e.TimeMs, e => e.Episode, e => e.AmountMinor];
        for (var c = 0; c < longs.Length; c++)
        {
            var values = events.Select(longValues[c]).Select((v, i) => c == 3 && i == nullAmountAt ? null : (long?)v).ToArray();
            await group.WriteAsync<long>(longs[c], values.AsMemory());
        }

        await group.WriteAsync<int>(ints[0], events.Select(e => (int?)e.Mcc).ToArray().AsMemory());
        await group.WriteAsync<int>(ints[1], events.Select(e => (int?)e.Device).ToArray().AsMemory());
        Func<TraceEvent, string?>[] textValues =
        [
            e => TraceNames.Of(e.Type), e => TraceNames.Of(e.Fraud), e => e.UserId, e => e.AccountId, e => e.CounterAccountId, e => e.Currency,
            e => e.MerchantId, e => e.Country, e => e.Bank, e => TraceNames.Of(e.Purpose), e => e.Name, e => e.Locale, e => e.MessengerId,
            e => e.SignupDate, e => e.Iban, e => e.RoutingNumber, e => e.AccountNumber, e => e.CardNumber, e => e.City, e => e.RiskTier,
        ];
        for (var c = 0; c < texts.Length; c++)
        {
            await group.WriteAsync(texts[c], events.Select(textValues[c]).ToArray()!);
        }
    }

    private static async Task<(int Exit, string Output)> RunCapturingOutput(string[] args)
    {
        var original = AnsiConsole.Console;
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        try
        {
            var (exit, errors) = await ConsoleCapture.RunAsync(() => SimulatorCommand.RunAsync(args));
            return (exit, output + errors);
        }
        finally
        {
            AnsiConsole.Console = original;
        }
    }
}

internal static class ByteLines
{
    public static byte[][] Split(this byte[] bytes, byte separator)
    {
        var parts = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == separator)
            {
                parts.Add(bytes[start..i]);
                start = i + 1;
            }
        }

        return [.. parts];
    }

    public static byte[] Join(this byte[][] parts, byte separator) =>
        parts.SelectMany((p, i) => i == 0 ? p : p.Prepend(separator)).ToArray();
}
