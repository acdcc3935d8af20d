using Actors.Errors;

namespace Actors;

/// <summary>
/// Syntax of every identifier the platform accepts. Ids are plain strings (they are grain keys),
/// checked here at every entry point so that a malformed id is a typed error, never a new grain.
/// <list type="bullet">
/// <item>user id: 1–64 of [A-Za-z0-9_-]</item>
/// <item>bank id: 2–16 of [A-Z0-9_], e.g. CHASE</item>
/// <item>account id: BANK:local, local 1–34 of [A-Za-z0-9_-], e.g. CHASE:000123</item>
/// <item>transaction id: 1–64 of [A-Za-z0-9._:-]</item>
/// </list>
/// </summary>
public static class Ids
{
    public const int MaxUserIdLength = 64;
    public const int MaxTransactionIdLength = 64;

    public static string User(string? id, string what = "user id")
    {
        if (!IsUserId(id))
        {
            throw Malformed(what, id, "1-64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }

        return id!;
    }

    public static string Bank(string? id, string what = "bank id")
    {
        if (!IsBankId(id))
        {
            throw Malformed(what, id, "2-16 characters of A-Z, 0-9 or '_', e.g. CHASE");
        }

        return id!;
    }

    public static string Account(string? id, string what = "account id")
    {
        if (!IsAccountId(id))
        {
            throw Malformed(what, id, "BANK:local with BANK 2-16 of A-Z0-9_ and local 1-34 of A-Za-z0-9_-, e.g. CHASE:000123");
        }

        return id!;
    }

    public static string Transaction(string? id, string what = "transaction id")
    {
        if (!IsTransactionId(id))
        {
            throw Malformed(what, id, "1-64 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
        }

        return id!;
    }

    /// <summary>The bank part of a well-formed account id.</summary>
    public static string BankOf(string accountId) => Account(accountId)[..accountId.IndexOf(':', StringComparison.Ordinal)];

    public static bool IsUserId(string? id) => id is { Length: > 0 and <= MaxUserIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static bool IsBankId(string? id) => id is { Length: >= 2 and <= 16 } && id.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');

    public static bool IsTransactionId(string? id) => id is { Length: > 0 and <= MaxTransactionIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    public static bool IsAccountId(string? id)
    {
        if (id is null)
        {
            return false;
        }

        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var local = id.AsSpan(colon + 1);
        if (!IsBankId(id[..colon]) || local.Length is 0 or > 34)
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static DomainException Malformed(string what, string? id, string expected) =>
        new(DomainError.MalformedId, id is null ? $"Missing {what}: expected {expected}." : $"Malformed {what} '{Truncate(id)}': expected {expected}.");

    private static string Truncate(string id) => id.Length <= 80 ? id : id[..80] + "…";
}
