using Actors.Grains.Storage;
using Actors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Actors.Diagnostics;

/// <summary>
/// Writes its whole state through the silo's grain store on every call, as an account does on every authorization,
/// with no domain logic: the write path's floor.
/// </summary>
public sealed class PingWriteGrain([FromKeyedServices(ActorsConstants.StorageName)] IGrainStorage storage) : Grain, IPingWriteGrain
{
    public const int MaxPayloadBytes = 65_536;
    private const string StateName = "pingwrite";
    private readonly PersistedState<PingWriteState> _state = new(StateName, storage);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _state.ReadAsync(GrainContext.GrainId);

    public async ValueTask<long> Write(long value, int payloadBytes)
    {
        if (payloadBytes is < 0 or > MaxPayloadBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadBytes), payloadBytes, $"payloadBytes must be between 0 and {MaxPayloadBytes}.");
        }

        var state = _state.State;
        if (state.Payload.Length != payloadBytes)
        {
            state.Payload = new byte[payloadBytes];
        }

        state.Value = value;
        await _state.WriteAsync(GrainContext.GrainId);
        return value;
    }

    public async ValueTask<PingWriteState?> ReadStored()
    {
        var stored = new PersistedState<PingWriteState>(StateName, storage);
        await stored.ReadAsync(GrainContext.GrainId);
        return stored.RecordExists ? stored.State : null;
    }
}
