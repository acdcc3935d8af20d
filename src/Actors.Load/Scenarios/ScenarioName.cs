using System.Text.RegularExpressions;

namespace Actors.Load.Scenarios;

/// <summary>The snake_case rule for scenario and step names: lower-case letters, digits and single underscores.</summary>
public static partial class ScenarioName
{
    /// <summary>True when <paramref name="name"/> is snake_case (starts with a letter, at most 64 characters).</summary>
    public static bool IsValid(string? name) => name is { Length: > 0 and <= 64 } && SnakeCase().IsMatch(name);

    /// <summary>Throws <see cref="LoadConfigurationException"/> naming the bad name.</summary>
    public static void Validate(string? name, string what = "scenario name")
    {
        if (!IsValid(name))
        {
            throw new LoadConfigurationException(
                $"Invalid {what} '{name}': use snake_case (lower-case letters, digits and single underscores, " +
                "starting with a letter, at most 64 characters), e.g. 'card_authorization'.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();
}
