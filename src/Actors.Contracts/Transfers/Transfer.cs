namespace Actors.Transfers;

/// <summary>Move an amount from one account to another; the transfer id makes it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("Actors.TransferRequest")]
public sealed record TransferRequest(
    [property: Id(0)] string TransferId,
    [property: Id(1)] string FromAccount,
    [property: Id(2)] string ToAccount,
    [property: Id(3)] Money.Money Amount);

[GenerateSerializer, Alias("Actors.TransferStatus")]
public enum TransferStatus : byte
{
    /// <summary>Recorded, nothing moved yet.</summary>
    Pending = 1,

    /// <summary>The source was debited; the credit is still owed (a resumed saga finishes it).</summary>
    Debited = 2,
    Completed = 3,

    /// <summary>Declined before any money moved.</summary>
    Failed = 4,

    /// <summary>The credit was refused after the debit; the debit was reversed.</summary>
    Reversed = 5,
}

/// <summary>Where a transfer stands. Terminal: Completed, Failed, Reversed.</summary>
[GenerateSerializer, Immutable, Alias("Actors.TransferResult")]
public sealed record TransferResult(
    [property: Id(0)] string TransferId,
    [property: Id(1)] TransferStatus Status,
    [property: Id(2)] Accounts.DeclineReason Reason,
    [property: Id(3)] string? Message)
{
    public bool IsTerminal => Status is TransferStatus.Completed or TransferStatus.Failed or TransferStatus.Reversed;

    public override string ToString() => Status == TransferStatus.Completed
        ? $"transfer {TransferId}: completed"
        : $"transfer {TransferId}: {Status}{(Reason == Accounts.DeclineReason.None ? "" : $" ({Reason})")}{(Message is null ? "" : ": " + Message)}";
}

/// <summary>The durable record of a transfer saga.</summary>
[GenerateSerializer, Alias("Actors.TransferState")]
public sealed class TransferState
{
    [Id(0)] public TransferRequest? Request { get; set; }
    [Id(1)] public TransferStatus Status { get; set; }
    [Id(2)] public Accounts.DeclineReason Reason { get; set; }
    [Id(3)] public string? Message { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; set; }
}
