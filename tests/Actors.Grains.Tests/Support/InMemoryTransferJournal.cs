using Actors.Domain;
using Actors.Transfers;

namespace Actors.Tests.Support;

/// <summary>The transfer record kept in memory, as the transfer grain's persistent state would be.</summary>
internal sealed class InMemoryTransferJournal : ITransferJournal
{
    public TransferState State { get; } = new();

    public int Saves { get; private set; }

    public Task Save()
    {
        Saves++;
        return Task.CompletedTask;
    }
}
