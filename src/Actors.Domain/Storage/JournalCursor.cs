namespace Actors.Storage;

/// <summary>
/// Where a paged journal (audit log, inbox, account history) stands, kept inside its owner's state:
/// pages [FirstPage, NextPage] exist in storage, NextPage being the one still open for appends.
/// </summary>
[GenerateSerializer, Alias("Actors.JournalCursor")]
public record struct JournalCursor
{
    [Id(0)] public long FirstPage { get; set; }
    [Id(1)] public long NextPage { get; set; }

    /// <summary>Entries removed by the retention limit, oldest first.</summary>
    [Id(2)] public long Dropped { get; set; }
}

/// <summary>One page of a journal, stored as its own grain state.</summary>
[GenerateSerializer, Alias("Actors.JournalPage`1")]
public sealed class JournalPage<T>
{
    [Id(0)] public List<T> Entries { get; set; } = [];
}
