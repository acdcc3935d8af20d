namespace Actors.Load.Engine;

/// <summary>
/// Makes sure reports can be written before any load runs: a run that measured for an hour and then cannot save its
/// reports has wasted the hour. Creates the folder and writes (and removes) a probe file in it.
/// </summary>
public static class ReportFolderCheck
{
    /// <summary>Throws <see cref="LoadConfigurationException"/> naming the path when <paramref name="folder"/> cannot take reports.</summary>
    public static void EnsureWritable(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            throw new LoadConfigurationException($"Report folder '{full}' is a file: name a folder (it is created if missing).");
        }

        var probe = Path.Combine(full, $".write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(full);
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new LoadConfigurationException($"Report folder '{full}' is not writable: {ex.Message}", ex);
        }
    }
}
