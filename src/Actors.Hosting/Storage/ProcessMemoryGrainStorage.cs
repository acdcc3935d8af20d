using System.Globalization;
using System.Runtime.InteropServices;
using Actors.Grains.Storage;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Actors.Hosting.Storage;

/// <summary>
/// Grain storage in this process's memory, for a silo that is the whole cluster (the embedded silo). Orleans'
/// own memory storage keeps state in storage grains so that every silo of a cluster sees it, which costs a grain
/// call per read and write; with a single silo that hop buys nothing, so this store keeps each state as
/// serialized bytes instead. Semantics are a durable store's: a write is a copy (later changes to the grain's
/// object do not leak in), etags are checked on write and clear, a read returns a fresh object.
/// Do not use it with more than one silo: a grain activated on another silo would not see the state.
/// <para>
/// The bytes live in native memory, outside the garbage-collected heap, and each key's entry is updated in place.
/// Kept on the heap, every write left a new buffer (and entry and etag) referenced from an old object: the young
/// generation's collections had to find and promote all of them through the card table, and took ~24 ms each
/// (measured 2026-11-29: card_authorization with notifications spent ~30 % of its time in such pauses). An
/// external store (Redis, PostgreSQL) costs the silo's heap nothing of the kind, so neither should this one.
/// </para>
/// </summary>
public sealed class ProcessMemoryGrainStorage(IGrainStorageSerializer serializer, IActivatorProvider activators) : IGrainStorage, IDisposable
{
    private const int MaxPooledBuffer = 1 << 20;
    private readonly EntryTable _entries = new();
    private long _nextETag;
    private long _bytes;
    private volatile bool _disposed;

    /// <summary>States held (for tests and memory figures).</summary>
    public int Count => _entries.Count;

    /// <summary>Bytes of serialized state held (in native memory, not in the managed heap).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Writes stored since start (each one takes a new ETag): what a durable store would have written.</summary>
    public long Writes => Interlocked.Read(ref _nextETag);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[]? data = null;
        long etag = 0;
        if (_entries.TryGetValue((stateName, grainId), out var entry))
        {
            lock (entry)
            {
                (data, etag) = entry.Exists ? (entry.Copy(), entry.ETag) : (null, 0L);
            }
        }

        if (data is not null)
        {
            grainState.State = serializer.Deserialize<T>(BinaryData.FromBytes(data));
            SetETag(grainState, etag);
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

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (serializer is not IGrainStorageStreamingSerializer streaming)
        {
            Store(stateName, grainId, grainState, serializer.Serialize(grainState.State).ToMemory().Span);
            return;
        }

        // Serialized into this thread's cached stream: a write allocates no buffer (Orleans' BinaryData form grows a new one
        // per write). Not a ConcurrentBag: taking from it when the thread's own list ran dry locked and stole from the
        // others, and under 64 concurrent writers that lock was the store's hottest spot (thread-time profile).
        var buffer = t_buffer ?? new MemoryStream();
        t_buffer = null;
        try
        {
            buffer.SetLength(0);
            await streaming.SerializeAsync(grainState.State, buffer);
            Store(stateName, grainId, grainState, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        finally
        {
            if (buffer.Capacity <= MaxPooledBuffer)
            {
                t_buffer ??= buffer; // the thread the write ends on (usually the one it began on)
            }
        }
    }

    [ThreadStatic]
    private static MemoryStream? t_buffer;

    private void Store<T>(string stateName, GrainId grainId, IGrainState<T> grainState, ReadOnlySpan<byte> data)
    {
        var key = (stateName, grainId);
        long etag;
        while (true)
        {
            var entry = _entries.GetOrAdd(key);
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue; // cleared meanwhile: write into the key's next entry
                }

                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!entry.Exists && HasETag(grainState))
                {
                    // Refused before anything was stored: leave no empty entry behind for a key that has no record.
                    entry.Removed = true;
                    _entries.TryRemove(key, entry);
                }

                Check(entry, grainState, "write", stateName, grainId);
                Interlocked.Add(ref _bytes, entry.Store(data));
                etag = entry.ETag = Interlocked.Increment(ref _nextETag);
                break;
            }
        }

        SetETag(grainState, etag);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = (stateName, grainId);
        if (_entries.TryGetValue(key, out var entry))
        {
            lock (entry)
            {
                Check(entry, grainState, "clear", stateName, grainId);
                if (!entry.Removed)
                {
                    // Removed from the dictionary too: journal pages are cleared for good, their names never come back.
                    Interlocked.Add(ref _bytes, entry.Free());
                    entry.Removed = true;
                    _entries.TryRemove(key, entry);
                }
            }
        }
        else if (HasETag(grainState))
        {
            throw Mismatch("clear", stateName, grainId, grainState.ETag, "no record");
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
        return Task.CompletedTask;
    }

    /// <summary>Frees every state's bytes; the store refuses calls from then on.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var entry in _entries.Values())
        {
            lock (entry)
            {
                Interlocked.Add(ref _bytes, entry.Free());
            }
        }
    }

    private static string FormatETag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    // A state that takes its etag as a number gets one without a string per write (see INumericETag).
    private static void SetETag<T>(IGrainState<T> grainState, long etag)
    {
        if (grainState is INumericETag numeric)
        {
            numeric.NumericETag = etag;
        }
        else
        {
            grainState.ETag = FormatETag(etag);
        }
    }

    private static bool HasETag<T>(IGrainState<T> grainState) =>
        grainState is INumericETag { NumericETag: not 0 } || grainState.ETag is not null;

    private static void Check<T>(Entry entry, IGrainState<T> grainState, string operation, string stateName, GrainId grainId)
    {
        var matches = !entry.Exists
            ? !HasETag(grainState)
            : grainState is INumericETag { NumericETag: not 0 and var number }
                ? number == entry.ETag
                : grainState.ETag is { } given && long.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var etag) && etag == entry.ETag;
        if (!matches)
        {
            throw Mismatch(operation, stateName, grainId, grainState.ETag, entry.Exists ? FormatETag(entry.ETag) : "no record");
        }
    }

    private static InconsistentStateException Mismatch(string operation, string stateName, GrainId grainId, string? given, string stored) =>
        new($"Process memory storage: {operation} of '{stateName}' for {grainId} with etag '{given ?? "(none)"}' refused, the store holds {stored}.",
            stored, given ?? string.Empty);

    /// <summary>
    /// The keys' entries, in shards of a plain dictionary under a lock each. Not a ConcurrentDictionary: that one makes
    /// a node object per key and makes all of them anew each time its table grows, so a store that gains keys while
    /// under load (journal pages) handed the young generation tens of thousands of fresh nodes referenced from an old
    /// table at once (heap walk: 45,000 at 2,000/s), each found through the card table and promoted. A dictionary
    /// keeps its entries as structs in one array.
    /// </summary>
    private sealed class EntryTable
    {
        private const int ShardCount = 64;
        private readonly Shard[] _shards = [.. Enumerable.Range(0, ShardCount).Select(_ => new Shard())];

        public int Count => _shards.Sum(s =>
        {
            lock (s.Lock)
            {
                return s.Entries.Count;
            }
        });

        public bool TryGetValue((string, GrainId) key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Entry entry)
        {
            var shard = ShardOf(key);
            lock (shard.Lock)
            {
                return shard.Entries.TryGetValue(key, out entry);
            }
        }

        public Entry GetOrAdd((string, GrainId) key)
        {
            var shard = ShardOf(key);
            lock (shard.Lock)
            {
                ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Entries, key, out _);
                return entry ??= new Entry();
            }
        }

        /// <summary>Removes the key if it still maps to <paramref name="entry"/>.</summary>
        public void TryRemove((string, GrainId) key, Entry entry)
        {
            var shard = ShardOf(key);
            lock (shard.Lock)
            {
                if (shard.Entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    shard.Entries.Remove(key);
                }
            }
        }

        public List<Entry> Values()
        {
            var values = new List<Entry>();
            foreach (var shard in _shards)
            {
                lock (shard.Lock)
                {
                    values.AddRange(shard.Entries.Values);
                }
            }

            return values;
        }

        private Shard ShardOf((string, GrainId) key) => _shards[key.GetHashCode() & (ShardCount - 1)];

        private sealed class Shard
        {
            public Lock Lock { get; } = new();

            public Dictionary<(string, GrainId), Entry> Entries { get; } = [];
        }
    }

    /// <summary>One key's record: a native buffer and its etag, changed in place under the entry's lock.</summary>
    private sealed unsafe class Entry
    {
        private byte* _data;
        private int _length;
        private int _capacity;

        /// <summary>Cleared and taken out of the dictionary: a writer that still holds it must fetch the key's new entry.</summary>
        public bool Removed { get; set; }

        /// <summary>Etag of the record; meaningful only while <see cref="Exists"/>.</summary>
        public long ETag { get; set; }

        public bool Exists { get; private set; }

        public byte[] Copy() => new ReadOnlySpan<byte>(_data, _length).ToArray();

        /// <summary>Replaces the bytes (reusing the buffer when it is large enough); returns the change in bytes held.</summary>
        public long Store(ReadOnlySpan<byte> data)
        {
            var before = Exists ? _length : 0;
            if (_data is null || data.Length > _capacity)
            {
                // Realloc would copy old contents we do not need; a fresh block never copies.
                NativeMemory.Free(_data);
                _capacity = Math.Max(data.Length, 1);
                _data = (byte*)NativeMemory.Alloc((nuint)_capacity);
            }

            data.CopyTo(new Span<byte>(_data, data.Length));
            _length = data.Length;
            Exists = true;
            return _length - before;
        }

        /// <summary>Frees the bytes and drops the record; returns the change in bytes held.</summary>
        public long Free()
        {
            var before = Exists ? _length : 0;
            NativeMemory.Free(_data);
            _data = null;
            _length = 0;
            _capacity = 0;
            Exists = false;
            return -before;
        }
    }
}
