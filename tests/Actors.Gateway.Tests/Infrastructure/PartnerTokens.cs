using System.Security.Cryptography;
using Actors.Gateway.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>A test token issuer: HS256 keys with ids, gateway settings listing some of them, and tokens signed with any.</summary>
public static class PartnerTokens
{
    public const string Issuer = "https://auth.actors.test";
    public const string Audience = "actors-gateway";

    public static readonly SigningKey Current = new("k-2030-01", RandomNumberGenerator.GetBytes(32));
    public static readonly SigningKey Next = new("k-2030-02", RandomNumberGenerator.GetBytes(32));

    /// <summary>The PartnerTokens section listing exactly <paramref name="keys"/>, with a 30 s clock skew.</summary>
    public static Dictionary<string, string?> Settings(params SigningKey[] keys)
    {
        const string section = "Actors:Gateway:PartnerTokens:";
        var settings = new Dictionary<string, string?>
        {
            [section + "Issuer"] = Issuer,
            [section + "Audience"] = Audience,
            [section + "ClockSkew"] = "00:00:30",
        };
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"{section}SigningKeys:{i}:KeyId"] = keys[i].KeyId;
            settings[$"{section}SigningKeys:{i}:Key"] = Convert.ToBase64String(keys[i].Bytes);
        }

        return settings;
    }

    /// <summary>A token for <paramref name="partner"/>, valid from <paramref name="now"/> for <paramref name="lifetime"/> (negative: already expired).</summary>
    public static string Issue(SigningKey key, string partner, DateTimeOffset now, TimeSpan lifetime, string audience = Audience, string issuer = Issuer)
    {
        var start = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(5) : now;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = start.UtcDateTime,
            NotBefore = start.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = new Dictionary<string, object> { [PartnerTokenOptions.PartnerClaim] = partner },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key.Bytes) { KeyId = key.KeyId }, SecurityAlgorithms.HmacSha256),
        });
    }
}

public sealed record SigningKey(string KeyId, byte[] Bytes);
