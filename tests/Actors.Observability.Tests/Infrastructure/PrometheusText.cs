using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.Observability.Tests.Infrastructure;

/// <summary>One sample line of the Prometheus text format: name{labels} value.</summary>
public sealed record PrometheusSample(string Name, string Labels, double Value)
{
    public bool Has(string label, string value) => Labels.Contains($"{label}=\"{value}\"", StringComparison.Ordinal);
}

/// <summary>Reads a /metrics body (text exposition format 0.0.4) into samples, enough for assertions.</summary>
public static partial class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string body) =>
        SampleLine().Matches(body)
            .Select(m => new PrometheusSample(m.Groups["name"].Value, m.Groups["labels"].Value, Number(m.Groups["value"].Value)))
            .ToList();

    /// <summary>The distinct sample names (histograms appear as their _bucket, _sum and _count series).</summary>
    public static IReadOnlySet<string> Names(string body) => Parse(body).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The value of the first series of <paramref name="name"/> with that label, or -1 when none is exported.</summary>
    public static double Value(string body, string name, string label, string value) =>
        Parse(body).FirstOrDefault(s => s.Name == name && s.Has(label, value))?.Value ?? -1;

    /// <summary>The series whose names start with <paramref name="prefix"/>, one a line, for failure messages.</summary>
    public static string Excerpt(string body, string prefix) =>
        $"{prefix}* series exported:\n" + string.Join('\n', body.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).DefaultIfEmpty("(none)"));

    private static double Number(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN,
    };

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
