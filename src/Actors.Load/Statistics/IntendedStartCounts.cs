namespace Actors.Load.Statistics;

/// <summary>
/// Open-model starts (and late starts) counted by intended time in buckets one reporting interval wide, lock-free on
/// the hot path. Buckets live in fixed chunks that never move, so a counter stays valid when the directory grows.
/// </summary>
internal sealed class IntendedStartCounts(TimeSpan bucketWidth)
{
    private const int ChunkBuckets = 256;
    private readonly long _bucketTicks = Math.Max(1, bucketWidth.Ticks);
    private readonly Lock _growLock = new();
    private long[]?[] _chunks = new long[]?[16];

    public int Bucket(TimeSpan at) => (int)Math.Min(int.MaxValue, Math.Max(0, at.Ticks) / _bucketTicks);

    public void Count(TimeSpan intendedAt, bool late)
    {
        var bucket = Bucket(intendedAt);
        var chunk = Chunk(bucket / ChunkBuckets);
        var slot = bucket % ChunkBuckets * 2;
        Interlocked.Increment(ref chunk[slot]);
        if (late)
        {
            Interlocked.Increment(ref chunk[slot + 1]);
        }
    }

    /// <summary>Starts and late starts in buckets <paramref name="from"/> up to (not including) <paramref name="to"/>, or all after.</summary>
    public (long Intended, long Late) Sum(int from, int? to)
    {
        var chunks = Volatile.Read(ref _chunks);
        var end = (int)Math.Min(to ?? long.MaxValue, (long)chunks.Length * ChunkBuckets);
        long intended = 0, late = 0;
        for (var bucket = from; bucket < end; bucket++)
        {
            if (chunks[bucket / ChunkBuckets] is { } chunk)
            {
                var slot = bucket % ChunkBuckets * 2;
                intended += Interlocked.Read(ref chunk[slot]);
                late += Interlocked.Read(ref chunk[slot + 1]);
            }
        }

        return (intended, late);
    }

    public void Clear()
    {
        lock (_growLock)
        {
            Volatile.Write(ref _chunks, new long[]?[16]);
        }
    }

    private long[] Chunk(int index)
    {
        var chunks = Volatile.Read(ref _chunks);
        if (index < chunks.Length && Volatile.Read(ref chunks[index]) is { } existing)
        {
            return existing;
        }

        lock (_growLock)
        {
            chunks = _chunks;
            if (index >= chunks.Length)
            {
                var grown = new long[]?[Math.Max(chunks.Length * 2, index + 1)];
                Array.Copy(chunks, grown, chunks.Length);
                chunks = grown;
            }

            var chunk = chunks[index] ??= new long[ChunkBuckets * 2];
            Volatile.Write(ref _chunks, chunks);
            return chunk;
        }
    }
}
