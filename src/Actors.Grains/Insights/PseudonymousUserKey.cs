using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Actors.Insights;

/// <summary>
/// Turns a user id into the opaque 64-bit key that <see cref="InsightEvent.UserKey"/> carries: the
/// first 8 bytes of HMAC-SHA256(secret, UTF-8 user id). Keyed, so nobody without the secret can test
/// a guessed user id against a key; 64 bits, so distinct-user counts collide with probability about
/// n²/2⁶⁵ (about 3e-8 for a million users). An account computes it once per activation: its owner never changes.
/// </summary>
public sealed class PseudonymousUserKey
{
    private readonly byte[] _secret;

    public PseudonymousUserKey(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    public static PseudonymousUserKey From(MerchantInsightsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PseudonymousUserKey(options.PseudonymSecret);
    }

    public ulong Of(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(userId), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
