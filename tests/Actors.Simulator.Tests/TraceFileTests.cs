using System.Text;
using Actors.Simulation.Options;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Parquet;
using Parquet.Schema;

namespace Actors.Simulator.Tests;

public sealed class TraceFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("trace.parquet")]
    [InlineData("trace.jsonl")]
    public async Task Round_trip_gives_back_every_event_and_the_header(string name)
    {
        var world = TestSupport.Small(users: 150, days: 2, fraud: 0.02);
        var expected = new TrafficGenerator(world).ToArray();
        var path = await TestSupport.WriteAsync(world, _folder.Path, name);

        await using var reader = await TraceFile.OpenAsync(path);
        Assert.Equal(TraceFormatInfo.FormatVersion, reader.Header.FormatVersion);
        Assert.Equal(TraceHeader.For(world).ToJson(), reader.Header.ToJson());
        var actual = new List<TraceEvent>();
        await foreach (var e in reader.ReadEventsAsync())
        {
            actual.Add(e);
        }

        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public async Task The_header_holds_every_parameter_needed_to_generate_the_trace_again()
    {
        var options = new SimulationOptions { Seed = 99, Users = 120, Days = 2, CardEventsPerDay = 3.5, Fraud = new FraudRates().ScaledTo(0.01) };
        var world = Actors.Simulation.Population.WorldBuilder.Build(options);
        var path = await TestSupport.WriteAsync(world, _folder.Path, "a.parquet");
        TraceHeader header;
        await using (var reader = await TraceFile.OpenAsync(path))
        {
            header = reader.Header;
        }

        var again = Actors.Simulation.Population.WorldBuilder.Build(header.Options);
        var copy = await TestSupport.WriteAsync(again, _folder.Path, "b.parquet");
        Assert.Equal(await File.ReadAllBytesAsync(path), await File.ReadAllBytesAsync(copy));
    }

    [Fact]
    public async Task Jsonl_of_an_unknown_version_is_refused_naming_the_version()
    {
        var path = await SmallJsonl();
        var lines = await File.ReadAllLinesAsync(path);
        lines[0] = lines[0].Replace($"\"format_version\":{TraceFormatInfo.FormatVersion}", "\"format_version\":9", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(path, lines);
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Contains("unknown format version 9", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parquet_of_an_unknown_version_is_refused_naming_the_version()
    {
        var world = TestSupport.Small(users: 20);
        var path = _folder.File("v9.parquet");
        var header = TraceHeader.For(world) with { FormatVersion = 9 };
        await TraceFile.WriteAsync(path, header, new TrafficGenerator(world));
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Contains("unknown format version 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jsonl_event_without_a_required_field_is_refused_naming_the_line_and_field()
    {
        var path = await SmallJsonl();
        var lines = await File.ReadAllLinesAsync(path);
        var index = Array.FindIndex(lines, l => l.Contains("\"card_authorization\"", StringComparison.Ordinal));
        lines[index] = System.Text.RegularExpressions.Regex.Replace(lines[index], "\"account_id\":\"[^\"]*\",", "");
        await File.WriteAllLinesAsync(path, lines);
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal($"line {index + 1}", error.Where);
        Assert.Contains("has no account_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parquet_without_a_column_is_refused_naming_the_column()
    {
        var world = TestSupport.Small(users: 20);
        var path = _folder.File("missing.parquet");
        var fields = new DataField[] { new DataField<long>("seq", false), new DataField<long>("time_ms", false) };
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
            writer.CustomMetadata = new Dictionary<string, string>
            {
                [TraceFormatInfo.HeaderKey] = TraceHeader.For(world).ToJson(),
                [TraceFormatInfo.EventCountKey] = "1",
            };
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], new ReadOnlyMemory<long>([0L]));
            await group.WriteAsync(fields[1], new ReadOnlyMemory<long>([1L]));
        }

        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal("schema", error.Where);
        Assert.Contains("missing column(s): type, fraud", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("late.parquet")]
    [InlineData("late.jsonl")]
    public async Task Out_of_order_timestamps_are_refused_naming_the_row(string name)
    {
        var world = TestSupport.Small(users: 30);
        var events = new TrafficGenerator(world).ToArray();
        var last = events.Length - 1;
        events[last] = events[last] with { TimeMs = events[0].TimeMs - 1 };
        var path = await TestSupport.WriteAsync(world, _folder.Path, name, events);
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Contains("out-of-order timestamp", error.Message, StringComparison.Ordinal);
        Assert.Equal(name.EndsWith(".jsonl", StringComparison.Ordinal) ? $"line {await TestSupport.LineOfSeqAsync(path, last)}" : $"row {last}", error.Where);
    }

    [Theory]
    [InlineData("cut.parquet")]
    [InlineData("cut.jsonl")]
    public async Task Truncated_files_are_refused(string name)
    {
        var world = TestSupport.Small(users: 60);
        var path = await TestSupport.WriteAsync(world, _folder.Path, name);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 2 / 3)]);
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jsonl_cut_at_a_line_boundary_is_refused_as_truncated()
    {
        var path = await SmallJsonl();
        var lines = await File.ReadAllLinesAsync(path);
        await File.WriteAllLinesAsync(path, lines[..^5]);
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_jsonl_line_is_refused_naming_the_line()
    {
        var path = await SmallJsonl();
        var lines = await File.ReadAllLinesAsync(path);
        lines[10] = lines[10][..20];
        await File.WriteAllLinesAsync(path, lines);
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal("line 11", error.Where);
        Assert.Contains("corrupt JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_parquet_data_is_refused_as_a_trace_format_error()
    {
        var world = TestSupport.Small(users: 60);
        var path = await TestSupport.WriteAsync(world, _folder.Path, "bad.parquet");
        var bytes = await File.ReadAllBytesAsync(path);
        for (var i = 100; i < bytes.Length / 2; i += 7)
        {
            bytes[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(path, bytes);
        await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
    }

    [Fact]
    public async Task A_file_that_is_not_a_trace_is_refused()
    {
        var path = _folder.File("other.jsonl");
        await File.WriteAllTextAsync(path, "{\"hello\":1}\n", Encoding.UTF8);
        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Contains("not an actors trace header", error.Message, StringComparison.Ordinal);
        await File.WriteAllTextAsync(_folder.File("x.parquet"), "PAR1 not really");
        await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(_folder.File("x.parquet")));
    }

    [Fact]
    public void Unknown_extension_is_refused_naming_the_file()
    {
        var error = Assert.Throws<ArgumentException>(() => TraceFile.EncodingOf("trace.csv"));
        Assert.Contains("trace.csv", error.Message, StringComparison.Ordinal);
    }

    private Task<string> SmallJsonl() => TestSupport.WriteAsync(TestSupport.Small(users: 40), _folder.Path, "small.jsonl");
}
