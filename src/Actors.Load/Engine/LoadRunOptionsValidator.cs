namespace Actors.Load.Engine;

/// <summary>Refuses bad run options with the option's name and value in the message.</summary>
public static class LoadRunOptionsValidator
{
    public static readonly TimeSpan MinReportingInterval = TimeSpan.FromMilliseconds(10);

    public static void Validate(LoadRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReportingInterval < MinReportingInterval || options.ReportingInterval > TimeSpan.FromHours(1))
        {
            Fail(nameof(options.ReportingInterval), options.ReportingInterval, "must be between 10 ms and 1 h");
        }

        if (options.LateThreshold <= TimeSpan.Zero)
        {
            Fail(nameof(options.LateThreshold), options.LateThreshold, "must be positive");
        }

        if (options.PacerMaxSpin < TimeSpan.Zero || options.PacerMaxSpin > TimeSpan.FromMilliseconds(1))
        {
            Fail(nameof(options.PacerMaxSpin), options.PacerMaxSpin, "must be between 0 and 1 ms");
        }

        if (options.ReportFormats.Count > 0 && string.IsNullOrWhiteSpace(options.ReportFolder))
        {
            Fail(nameof(options.ReportFolder), options.ReportFolder, "must name a folder when reports are written");
        }

        if (options.ReportFolder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            Fail(nameof(options.ReportFolder), options.ReportFolder, "contains characters not allowed in a path");
        }

        if (string.IsNullOrWhiteSpace(options.RunName) || options.RunName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            Fail(nameof(options.RunName), options.RunName, "must be a non-empty file-name-safe string");
        }

        if (options.AgentCount < 1 || options.AgentIndex < 1 || options.AgentIndex > options.AgentCount)
        {
            Fail("Agent", $"{options.AgentIndex}/{options.AgentCount}", "must be i/n with 1 <= i <= n");
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
    }

    private static void Fail(string option, object? value, string rule) =>
        throw new LoadConfigurationException($"Load run option {option} {rule} (was '{value}').");
}
