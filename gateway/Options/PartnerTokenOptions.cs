using System.ComponentModel.DataAnnotations;

namespace Actors.Gateway.Options;

/// <summary>
/// Partner authentication with signed tokens (OAuth2 client-credentials style JWTs in <c>Authorization: Bearer</c>),
/// section <c>Actors:Gateway:PartnerTokens</c>. Tokens are HS256, name their key in the <c>kid</c> header and carry the
/// partner id in <see cref="PartnerClaim"/>. Several keys may be listed at once: add the new key, let the issuer sign
/// with it, then remove the old one — tokens signed with a removed key are refused from then on (rotation).
/// </summary>
public sealed class PartnerTokenOptions
{
    public const string PartnerClaim = "partner_id";
    public const int MinKeyBytes = 32;

    /// <summary>Required <c>iss</c> of every token (required once a key is configured).</summary>
    public string? Issuer { get; set; }

    /// <summary>Required <c>aud</c> of every token (required once a key is configured).</summary>
    public string? Audience { get; set; }

    /// <summary>Tolerance for clock differences on <c>exp</c> and <c>nbf</c>. Default 30 s, at most 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The keys tokens may be signed with; none (the default) turns signed tokens off.</summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    public bool Enabled => SigningKeys.Count > 0;
}

/// <summary>One symmetric HS256 signing key: its id (the token's <c>kid</c>) and its bytes as base64 (at least 32 bytes).</summary>
public sealed class SigningKeyOptions
{
    public string? KeyId { get; set; }

    public string? Key { get; set; }
}
