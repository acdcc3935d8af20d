using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Load.Statistics;

namespace Actors.Load.Reports.Json;

/// <summary>report.json: the whole <see cref="RunResult"/>; <see cref="Read"/> loads it back.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public ReportFormat Format => ReportFormat.Json;

    public string FileName => "report.json";

    public void Write(RunResult result, string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), Serialize(result));

    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, Options);

    public static RunResult Read(string json) =>
        JsonSerializer.Deserialize<RunResult>(json, Options) ?? throw new FormatException("report.json is empty.");
}
