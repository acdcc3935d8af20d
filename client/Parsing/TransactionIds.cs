namespace Actors.Client.Parsing;

/// <summary>Fresh ids for postings and transfers that the user did not name.</summary>
public static class TransactionIds
{
    /// <summary>"tx-" plus a GUID: unique without coordination, and short enough for a transfer id (max 56).</summary>
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>The given id checked for syntax, or a fresh one when none was given.</summary>
    public static string OrNew(string? given, string prefix, string what) =>
        string.IsNullOrEmpty(given) ? New(prefix) : Ids.Transaction(given, what);
}
