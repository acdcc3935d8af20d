using System.Globalization;

namespace Actors.Client.Parsing;

/// <summary>Durations as people type them for consents: 45m, 12h, 30d, 2w.</summary>
public static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is not { Length: >= 2 } || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return false;
        }

        var unit = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => TimeSpan.Zero,
        };

        // Ten years is far beyond any consent and keeps the arithmetic away from overflow.
        if (unit == TimeSpan.Zero || count > TimeSpan.FromDays(3650).Ticks / unit.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks(count * unit.Ticks);
        return true;
    }
}
