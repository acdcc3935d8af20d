namespace Actors.Gateway.Options;

/// <summary>
/// One API key: who it belongs to (role and subject) and until when. Give either the key itself
/// (<see cref="Key"/>, for development) or its SHA-256 as hex (<see cref="KeyHash"/>, so that the
/// configuration never holds a usable secret).
/// </summary>
public sealed class CredentialOptions
{
    /// <summary>Partner, User or Bank.</summary>
    public string? Role { get; set; }

    /// <summary>Partner id, user id or bank id, depending on the role.</summary>
    public string? Subject { get; set; }

    /// <summary>The key as sent in X-Api-Key (at least 16 characters).</summary>
    public string? Key { get; set; }

    /// <summary>Lower-case or upper-case hex SHA-256 of the UTF-8 key (64 characters).</summary>
    public string? KeyHash { get; set; }

    /// <summary>After this instant the key is refused as expired. Default: never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
