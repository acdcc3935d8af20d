using System.Collections.Frozen;
using Actors.Gateway.Options;

namespace Actors.Gateway.Security;

/// <summary>
/// The configured API keys, indexed by their SHA-256. Only hashes are kept in memory, and a lookup
/// hashes the presented key first, so its timing does not depend on how much of a key matched.
/// </summary>
public sealed class CredentialStore
{
    private readonly FrozenDictionary<string, Credential> _byHash;

    public CredentialStore(GatewayOptions options)
    {
        _byHash = options.Credentials.ToFrozenDictionary(
            c => c.KeyHash?.ToLowerInvariant() ?? ApiKeyHash.Of(c.Key!),
            c => new Credential(new Caller(Enum.Parse<GatewayRole>(c.Role!, ignoreCase: true), c.Subject!), c.ExpiresAt),
            StringComparer.Ordinal);
    }

    public int Count => _byHash.Count;

    public Credential? Find(string key) => _byHash.GetValueOrDefault(ApiKeyHash.Of(key));
}

/// <summary>A known key's owner and expiry.</summary>
public sealed record Credential(Caller Caller, DateTimeOffset? ExpiresAt);
