using Actors.Load.Reports.Csv;
using Actors.Load.Reports.Html;
using Actors.Load.Reports.Json;
using Actors.Load.Reports.Markdown;
using Actors.Load.Reports.Raw;
using Actors.Load.Reports.Text;
using Actors.Load.Statistics;

namespace Actors.Load.Reports;

/// <summary>Writes a run folder: the raw histograms plus one file per requested format.</summary>
public static class ReportSet
{
    public static IReadOnlyList<IReportWriter> Writers { get; } =
        [new HtmlReportWriter(), new MarkdownReportWriter(), new CsvReportWriter(), new TextReportWriter(), new JsonReportWriter()];

    /// <summary>Writes everything into <paramref name="folder"/> (created if missing) and returns its full path.</summary>
    public static string Write(RawRun raw, string folder, IReadOnlyList<ReportFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        RawRunStore.Save(raw, full);
        var result = ResultBuilder.Build(raw, full);
        foreach (var writer in Writers.Where(w => formats.Contains(w.Format)))
        {
            writer.Write(result, full);
        }

        return full;
    }
}
