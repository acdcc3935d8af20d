using Actors.Errors;
using Actors.Users;

namespace Actors.Domain;

/// <summary>Validation of user-supplied profile data and actor names.</summary>
public static class UserRules
{
    public static UserProfile ValidateProfile(UserProfile? profile)
    {
        if (profile is null)
        {
            throw new DomainException(DomainError.InvalidArgument, "A profile is required.");
        }

        if (string.IsNullOrWhiteSpace(profile.DisplayName) || profile.DisplayName.Length > 200)
        {
            throw new DomainException(DomainError.InvalidArgument, "Display name must be 1-200 characters.");
        }

        if (profile.Locale is not { Length: >= 2 and <= 16 } || !profile.Locale.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new DomainException(DomainError.InvalidArgument, $"Locale '{profile.Locale}' is not a locale tag such as en_US.");
        }

        if (profile.Country is not { Length: 2 } || !profile.Country.All(char.IsAsciiLetterUpper))
        {
            throw new DomainException(DomainError.InvalidArgument, $"Country '{profile.Country}' is not an ISO 3166 alpha-2 code such as US.");
        }

        if (string.IsNullOrWhiteSpace(profile.MessengerId) || profile.MessengerId.Length > 64)
        {
            throw new DomainException(DomainError.InvalidArgument, "Messenger id must be 1-64 characters.");
        }

        return profile;
    }

    public static string Actor(string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > 64)
        {
            throw new DomainException(DomainError.InvalidArgument, "Actor must be 1-64 characters naming who acts (e.g. 'user', 'messenger').");
        }

        return actor;
    }
}
