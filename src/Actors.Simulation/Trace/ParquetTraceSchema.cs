using Parquet.Schema;

namespace Actors.Simulation.Trace;

/// <summary>The Parquet schema of a trace: the columns of <see cref="TraceColumns"/> in file order.</summary>
internal static class ParquetTraceSchema
{
    public static readonly ParquetSchema Schema = new(
        TraceColumns.Longs.Take(2).Select(n => (Field)new DataField<long>(n, false))
            .Concat(TraceColumns.RequiredTexts.Select(n => (Field)new DataField<string>(n, false)))
            .Concat(TraceColumns.Longs.Skip(2).Select(n => (Field)new DataField<long>(n, false)))
            .Concat(TraceColumns.Ints.Select(n => (Field)new DataField<int>(n, false)))
            .Concat(TraceColumns.OptionalTexts.Select(n => (Field)new DataField<string>(n, true)))
            .ToArray());

    public static DataField Field(string name) => Schema.DataFields.First(f => f.Name == name);
}
