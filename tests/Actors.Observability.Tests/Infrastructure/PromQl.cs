using System.Text.RegularExpressions;

namespace Actors.Observability.Tests.Infrastructure;

/// <summary>
/// The metric names a PromQL expression reads, found without a full parser: strings, label matchers
/// ({...}), ranges ([5m]) and grouping clauses (by (...)) are cut out first, then every remaining
/// identifier that is neither a function call nor a keyword is a metric name.
/// </summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);

        // Grafana's label_values(metric{...}, label) names its metric first and a label last.
        if (LabelValues().Match(expression) is { Success: true } labelValues)
        {
            return new HashSet<string>(StringComparer.Ordinal) { labelValues.Groups["metric"].Value.Trim() };
        }

        var text = Strings().Replace(expression, " ");
        text = Matchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Groupings().Replace(text, " ");
        return Identifiers().Matches(text)
            .Where(m => !Keywords.Contains(m.Value.ToLowerInvariant()))
            .Select(m => m.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\s*label_values\(\s*(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex LabelValues();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    /// <summary>An identifier not followed by "(" (that would be a function) and not part of a number or a $variable.</summary>
    [GeneratedRegex(@"(?<![\w$.])[a-zA-Z_:][a-zA-Z0-9_:]*(?!\s*\()(?![\w(])")]
    private static partial Regex Identifiers();
}
