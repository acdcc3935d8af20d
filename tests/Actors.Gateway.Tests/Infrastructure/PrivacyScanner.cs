namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>
/// Checked on every response in the suite: a body may mention only the user the request is about
/// (named in its path, directly or through an account id) and the calling user, never anyone else.
/// </summary>
public static class PrivacyScanner
{
    public static void Check(string path, string? callerUserId, string body)
    {
        var allowed = Personas.All
            .Where(p => p.UserId == callerUserId || path.Contains(p.UserId, StringComparison.Ordinal))
            .ToHashSet();
        foreach (var other in Personas.All.Where(p => !allowed.Contains(p)))
        {
            foreach (var marker in Markers(other))
            {
                Assert.False(body.Contains(marker, StringComparison.Ordinal),
                    $"The response to {path} carries '{marker}', which belongs to {other.UserId}: {body}");
            }
        }
    }

    private static IEnumerable<string> Markers(Persona p) => [p.UserId, p.DisplayName, p.MessengerId, .. p.Accounts];
}
