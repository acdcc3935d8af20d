using Actors.Errors;

namespace Actors.Domain;

/// <summary>Syntax of a Messenger partner id (it is written into audit actors as "partner:ID").</summary>
public static class PartnerRules
{
    public const int MaxPartnerIdLength = 32;

    /// <summary>Upper bound of a transactions read, so one request cannot pull a whole journal.</summary>
    public const int MaxTransactions = 100;

    public static bool IsPartnerId(string? id) =>
        id is { Length: > 0 and <= MaxPartnerIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static string PartnerId(string? id) =>
        IsPartnerId(id)
            ? id!
            : throw new DomainException(DomainError.MalformedId,
                $"Malformed partner id '{id}': expected 1-{MaxPartnerIdLength} characters of A-Z, a-z, 0-9, '_' or '-'.");

    /// <summary>The audit actor for a partner.</summary>
    public static string Actor(string partnerId) => $"partner:{partnerId}";
}
