using System.Globalization;
using Actors.Hosting;
using Actors.Load;

namespace Actors.LoadTests.Commands;

/// <summary>Parsing of durations ("30s", "500ms", "2m", "1h") and agent slices ("1/3"), with errors naming the flag.</summary>
public static class ArgumentParsers
{
    public static TimeSpan Duration(string? text, string flag)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new LoadConfigurationException($"{flag}: a duration is required, e.g. 30s, 500ms, 2m.");
        }

        if (!DurationText.TryParse(text, out var duration))
        {
            throw new LoadConfigurationException($"{flag} '{text}': expected a positive duration such as 30s, 500ms, 2m or 1h.");
        }

        if (duration > TimeSpan.FromDays(7))
        {
            throw new LoadConfigurationException($"{flag} '{text}': longer than 7 days.");
        }

        return duration;
    }

    /// <summary>"i/n" with 1 &lt;= i &lt;= n: this agent is the i-th of n. Returns the 0-based index and the count.</summary>
    public static (int Index, int Count) Agent(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (0, 1);
        }

        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || index < 1 || index > count)
        {
            throw new LoadConfigurationException($"--agent '{text}': expected i/n with 1 <= i <= n, e.g. 2/3 for the second of three agents.");
        }

        return (index - 1, count);
    }

    /// <summary>
    /// "Section:Key=value" settings for the embedded silo (configuration keys as in appsettings, ':' between sections),
    /// e.g. <c>Actors:Notifications:Transport=Direct</c>. A later setting of the same key wins.
    /// </summary>
    public static Dictionary<string, string?> Settings(IEnumerable<string>? texts, string flag)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in texts ?? [])
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? text[..equals].Trim() : "";
            if (key.Length == 0 || key.StartsWith(':') || key.EndsWith(':') || key.Contains("::", StringComparison.Ordinal))
            {
                throw new LoadConfigurationException($"{flag} '{text}': expected Section:Key=value, e.g. Actors:Notifications:Transport=Direct.");
            }

            settings[key] = text[(equals + 1)..];
        }

        return settings;
    }

    public static int Positive(int value, string flag, int max = int.MaxValue) =>
        value >= 1 && value <= max
            ? value
            : throw new LoadConfigurationException($"{flag} must be between 1 and {max:N0}, was {value}.");

    public static int InRange(int value, string flag, int min, int max) =>
        value >= min && value <= max
            ? value
            : throw new LoadConfigurationException($"{flag} must be between {min:N0} and {max:N0}, was {value}.");
}
