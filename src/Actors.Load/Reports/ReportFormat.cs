namespace Actors.Load.Reports;

/// <summary>The report formats a run can write (the raw histograms are always written with them).</summary>
public enum ReportFormat
{
    Html,
    Md,
    Csv,
    Txt,
    Json,
}

public static class ReportFormatExtensions
{
    public static readonly IReadOnlyList<ReportFormat> All = Enum.GetValues<ReportFormat>();

    /// <summary>Parses "html,md,csv"; an unknown name throws <see cref="LoadConfigurationException"/>.</summary>
    public static IReadOnlyList<ReportFormat> Parse(string formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        return [.. formats.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(f =>
            Enum.TryParse<ReportFormat>(f, ignoreCase: true, out var format) && Enum.IsDefined(format)
                ? format
                : throw new LoadConfigurationException(
                    $"Unknown report format '{f}': use {string.Join(", ", All.Select(a => a.ToString().ToLowerInvariant()))}."))];
    }
}
