namespace Actors.Accounts;

/// <summary>
/// A byte buffer with room to spare, changed in place by the state that owns it (see <see cref="AccountState"/>):
/// <see cref="Buffer"/> holds <see cref="Length"/> used bytes. What goes in or out as a whole array is copied
/// (<see cref="Copy"/>, <see cref="Assign"/>), so no serializer, copier or test ever shares the buffer.
/// </summary>
internal struct SpareBytes
{
    public byte[] Buffer;
    public int Length;

    /// <summary>The buffer was rented from a pool (its owner returns it there when it lets go of it).</summary>
    public bool Pooled;

    /// <summary>The used bytes (a view: read it before the next change).</summary>
    public readonly ReadOnlySpan<byte> Span => (Buffer ?? []).AsSpan(0, Length);

    public readonly byte[] Copy() => Span.ToArray();

    public void Assign(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Buffer = value.Length == 0 ? [] : value.ToArray();
        Length = value.Length;
        Pooled = false;
    }
}
