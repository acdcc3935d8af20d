using System.Text;
using System.Text.Json;

namespace Actors.Simulation.Trace;

/// <summary>
/// The <c>actors.trace.checksums</c> metadata of a format-2 Parquet trace:
/// <c>{"algorithm":"crc32","header":"…","row_groups":["…",…]}</c>, the CRC-32 of the header JSON's UTF-8
/// bytes and of each row group (<see cref="TraceChecksum"/>), as eight lowercase hex digits.
/// </summary>
internal sealed record ParquetChecksums(uint Header, IReadOnlyList<uint> RowGroups)
{
    private const string Algorithm = "crc32";

    public static string ToJson(string headerJson, IReadOnlyList<string> rowGroups)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("algorithm", Algorithm);
            json.WriteString("header", TraceChecksum.Format(TraceChecksum.Of(Encoding.UTF8.GetBytes(headerJson))));
            json.WriteStartArray("row_groups");
            foreach (var crc in rowGroups)
            {
                json.WriteStringValue(crc);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads the metadata value and checks the header against it.</summary>
    /// <exception cref="TraceFormatException">Missing, malformed, or the header does not match.</exception>
    public static ParquetChecksums Read(IReadOnlyDictionary<string, string> metadata, string headerJson, string file)
    {
        if (!metadata.TryGetValue(TraceFormatInfo.ChecksumsKey, out var text))
        {
            throw new TraceFormatException(file, "footer", $"no '{TraceFormatInfo.ChecksumsKey}' metadata: a format-2 trace carries the CRC-32 of its header and row groups (written by another tool? declare format_version 1, which carries none)");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.GetProperty("algorithm").GetString() != Algorithm)
            {
                throw new TraceFormatException(file, "footer", $"'{TraceFormatInfo.ChecksumsKey}' names algorithm {root.GetProperty("algorithm")}, expected {Algorithm}");
            }

            var header = Parse(root.GetProperty("header").GetString(), file);
            var groups = root.GetProperty("row_groups").EnumerateArray().Select(g => Parse(g.GetString(), file)).ToArray();
            var actual = TraceChecksum.Of(Encoding.UTF8.GetBytes(headerJson));
            if (actual != header)
            {
                throw new TraceFormatException(file, "header", $"checksum mismatch: the header's CRC-32 is {TraceChecksum.Format(actual)}, the file declares {TraceChecksum.Format(header)} (the file was changed after it was written)");
            }

            return new ParquetChecksums(header, groups);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new TraceFormatException(file, "footer", $"malformed '{TraceFormatInfo.ChecksumsKey}' metadata: {e.Message}", e);
        }
    }

    private static uint Parse(string? text, string file) =>
        TraceChecksum.TryParse(text, out var crc)
            ? crc
            : throw new TraceFormatException(file, "footer", $"'{text}' in '{TraceFormatInfo.ChecksumsKey}' is not a CRC-32 (eight lowercase hex digits)");
}
