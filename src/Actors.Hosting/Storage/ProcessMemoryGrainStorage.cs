using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Actors.Hosting.Storage;

/// <summary>
/// Grain storage in this process's memory, for a silo that is the whole cluster (the embedded silo). Orleans'
/// own memory storage keeps state in storage grains so that every silo of a cluster sees it, which costs a grain
/// call per read and write; with a single silo that hop buys nothing, so this store keeps each state as
/// serialized bytes in a dictionary instead. Semantics are a durable store's: a write is a copy (later changes
/// to the grain's object do not leak in), etags are checked on write and clear, a read returns a fresh object.
/// Do not use it with more than one silo: a grain activated on another silo would not see the state.
/// </summary>
public sealed class ProcessMemoryGrainStorage(IGrainStorageSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Entry> _entries = new();
    private long _nextETag;

    /// <summary>States held (for tests and memory figures).</summary>
    public int Count => _entries.Count;

    /// <summary>Bytes of serialized state held.</summary>
    public long Bytes => _entries.Values.Sum(e => (long)e.Data.ToMemory().Length);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_entries.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Data);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var data = serializer.Serialize(grainState.State); // the serializer's own buffer: no second copy
        var written = new Entry(data, NewETag());
        while (true)
        {
            if (_entries.TryGetValue(key, out var current))
            {
                Check(current.ETag, grainState.ETag, "write", stateName, grainId);
                if (_entries.TryUpdate(key, written, current))
                {
                    break;
                }
            }
            else
            {
                Check(null, grainState.ETag, "write", stateName, grainId);
                if (_entries.TryAdd(key, written))
                {
                    break;
                }
            }
        }

        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (_entries.TryGetValue(key, out var current))
        {
            Check(current.ETag, grainState.ETag, "clear", stateName, grainId);
            if (!_entries.TryRemove(KeyValuePair.Create(key, current)))
            {
                throw Mismatch("clear", stateName, grainId, grainState.ETag, "a concurrent change");
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
        return Task.CompletedTask;
    }

    private string NewETag() => Interlocked.Increment(ref _nextETag).ToString(CultureInfo.InvariantCulture);

    private static void Check(string? stored, string? given, string operation, string stateName, GrainId grainId)
    {
        if (!string.Equals(stored, given, StringComparison.Ordinal))
        {
            throw Mismatch(operation, stateName, grainId, given, stored ?? "no record");
        }
    }

    private static InconsistentStateException Mismatch(string operation, string stateName, GrainId grainId, string? given, string stored) =>
        new($"Process memory storage: {operation} of '{stateName}' for {grainId} with etag '{given ?? "(none)"}' refused, the store holds {stored}.",
            stored, given ?? string.Empty);

    private sealed record Entry(BinaryData Data, string ETag);
}
