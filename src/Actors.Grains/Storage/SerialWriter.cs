namespace Actors.Grains.Storage;

/// <summary>
/// What a grain whose calls interleave keeps so that its state writes run one at a time, in call order
/// (<see cref="SerialWriter"/>): two fields of its own rather than a helper object, for grains a silo holds millions of.
/// </summary>
public interface ISerialWrites
{
    /// <summary>The unfinished write the next one waits for; null once the latest is done (a resident grain then holds no task).</summary>
    Task? UnfinishedWrite { get; set; }

    /// <summary>Writes started so far: the latest, when done, clears <see cref="UnfinishedWrite"/>.</summary>
    int WritesStarted { get; set; }
}

/// <summary>
/// Serialises a grain's writes: a write waits for the one before it (whatever its outcome: that failure belongs to its
/// own caller), so that an interleaving call never writes while another write is moving the same state. Without an
/// unfinished write it starts at once and allocates nothing beyond the write itself.
/// </summary>
public static class SerialWriter
{
    /// <summary>Runs <paramref name="write"/> after every earlier write of <paramref name="owner"/> has finished.</summary>
    public static Task Write<TOwner>(TOwner owner, Func<TOwner, Task> write)
        where TOwner : class, ISerialWrites
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(write);
        var number = ++owner.WritesStarted;
        var task = owner.UnfinishedWrite is { IsCompleted: false } previous ? After(owner, previous, number, write) : Now(owner, number, write);
        if (!task.IsCompleted)
        {
            owner.UnfinishedWrite = task;
        }

        return task;
    }

    private static async Task After<TOwner>(TOwner owner, Task previous, int number, Func<TOwner, Task> write)
        where TOwner : class, ISerialWrites
    {
        try
        {
            await previous;
        }
        catch
        {
            // That failure belongs to the earlier write's caller.
        }

        await Now(owner, number, write);
    }

    private static async Task Now<TOwner>(TOwner owner, int number, Func<TOwner, Task> write)
        where TOwner : class, ISerialWrites
    {
        try
        {
            await write(owner);
        }
        finally
        {
            if (number == owner.WritesStarted)
            {
                owner.UnfinishedWrite = null;
            }
        }
    }
}
