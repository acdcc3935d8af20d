using Parquet.Schema;

namespace Actors.Simulation.Trace;

/// <summary>
/// The Parquet schema of a trace: the columns of <see cref="TraceColumns"/> in file order, per format
/// version (format 3 adds the balances and original_seq after <c>amount_minor</c>, the coordinates after <c>device</c>), so an older version is written and
/// checked exactly as it was.
/// </summary>
internal static class ParquetTraceSchema
{
    private static readonly Dictionary<int, ParquetSchema> Schemas =
        TraceFormatInfo.ReadableVersions.ToDictionary(v => v, Build);

    /// <summary>The schema of the current format.</summary>
    public static ParquetSchema Schema => Of(TraceFormatInfo.FormatVersion);

    /// <summary>A version this code does not know (written only to see readers refuse it) gets the current layout.</summary>
    public static ParquetSchema Of(int formatVersion) =>
        Schemas.TryGetValue(formatVersion, out var schema) ? schema : Schemas[TraceFormatInfo.FormatVersion];

    public static DataField Field(int formatVersion, string name) => Of(formatVersion).DataFields.First(f => f.Name == name);

    private static ParquetSchema Build(int formatVersion)
    {
        var longs = TraceColumns.LongsOf(formatVersion);
        return new ParquetSchema(
            longs.Take(2).Select(n => (Field)new DataField<long>(n, false))
                .Concat(TraceColumns.RequiredTexts.Select(n => (Field)new DataField<string>(n, false)))
                .Concat(longs.Skip(2).Select(n => (Field)new DataField<long>(n, false)))
                .Concat(TraceColumns.IntsOf(formatVersion).Select(n => (Field)new DataField<int>(n, false)))
                .Concat(TraceColumns.OptionalTexts.Select(n => (Field)new DataField<string>(n, true)))
                .ToArray());
    }
}
