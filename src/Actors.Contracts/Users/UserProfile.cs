namespace Actors.Users;

/// <summary>A user's Messenger-side profile. Synthetic: no real person is behind it.</summary>
[GenerateSerializer, Immutable, Alias("Actors.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string Locale,
    [property: Id(2)] string Country,
    [property: Id(3)] string MessengerId);

/// <summary>The latest decision on one (bank, purpose) consent.</summary>
[GenerateSerializer, Immutable, Alias("Actors.ConsentRecord")]
public sealed record ConsentRecord(
    [property: Id(0)] string Bank,
    [property: Id(1)] ConsentPurpose Purpose,
    [property: Id(2)] DateTimeOffset GrantedAt,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] DateTimeOffset? RevokedAt)
{
    public ConsentStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? ConsentStatus.Revoked
        : ExpiresAt is { } expires && expires <= now ? ConsentStatus.Expired
        : ConsentStatus.Granted;
}
