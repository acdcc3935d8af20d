using Actors.Load.Statistics;

namespace Actors.Load.Reports;

/// <summary>Writes one report format into a run folder. One implementation per format, each in its own folder.</summary>
public interface IReportWriter
{
    ReportFormat Format { get; }

    /// <summary>The file written inside the run folder, e.g. "report.html".</summary>
    string FileName { get; }

    void Write(RunResult result, string folder);
}
