using System.Text.Json;
using Actors.Load.Statistics;
using HdrHistogram;

namespace Actors.Load.Reports.Raw;

/// <summary>
/// Saves and loads a run's raw histograms: <c>histograms.json</c> (counters plus every histogram in HdrHistogram's
/// compressed base64 form: what <c>merge</c> reads) and <c>histograms.hlog</c> (HdrHistogram's standard log of the
/// interval histograms, tagged "scenario/step/ok|fail|service|wait", for HdrHistogram tools).
/// </summary>
public static class RawRunStore
{
    public const string FileName = "histograms.json";

    public const string LogFileName = "histograms.hlog";

    public static void Save(RawRun raw, string folder)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Directory.CreateDirectory(folder);
        var json = JsonSerializer.Serialize(RawRunDto.From(raw), Options);
        WriteAtomically(Path.Combine(folder, FileName), json);
        using var log = File.Create(Path.Combine(folder, LogFileName));
        HistogramLogWriter.Write(log, raw.StartedUtc.UtcDateTime, [.. LogHistograms(raw)]);
    }

    /// <summary>Loads a run from its folder or from a histograms.json path. Bad content throws
    /// <see cref="LoadConfigurationException"/> naming the file.</summary>
    public static RawRun Load(string folderOrFile)
    {
        var path = Directory.Exists(folderOrFile) ? Path.Combine(folderOrFile, FileName) : folderOrFile;
        if (!File.Exists(path))
        {
            throw new LoadConfigurationException($"No raw histograms at '{path}': expected a run folder containing {FileName}.");
        }

        try
        {
            var dto = JsonSerializer.Deserialize<RawRunDto>(File.ReadAllText(path), Options)
                ?? throw new FormatException("the file is empty");
            return dto.ToRaw();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NullReferenceException or ArgumentException)
        {
            throw new LoadConfigurationException($"Raw histograms file '{path}' is not valid: {ex.Message}", ex);
        }
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static IEnumerable<HistogramBase> LogHistograms(RawRun raw)
    {
        var start = raw.StartedUtc.ToUnixTimeMilliseconds();
        foreach (var scenario in raw.Scenarios)
        {
            var bounds = scenario.Intervals.ToDictionary(i => i.Index);
            foreach (var step in new[] { scenario.Global }.Concat(scenario.Steps))
            {
                foreach (var interval in step.Intervals)
                {
                    foreach (var (kind, histogram) in new[] { ("ok", interval.Ok), ("fail", interval.Fail), ("service", interval.Service), ("wait", interval.Wait) })
                    {
                        var copy = histogram.Copy();
                        copy.Tag = $"{scenario.Name}/{step.Name}/{kind}";
                        if (bounds.TryGetValue(interval.Index, out var b))
                        {
                            copy.StartTimeStamp = start + (long)b.Start.TotalMilliseconds;
                            copy.EndTimeStamp = start + (long)(b.Start + b.Duration).TotalMilliseconds;
                        }

                        yield return copy;
                    }
                }
            }
        }
    }

    // Written to a temporary file first so that a crash never leaves a half-written file for merge to trip over.
    private static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
