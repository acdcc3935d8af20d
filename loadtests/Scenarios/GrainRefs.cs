namespace Actors.LoadTests.Scenarios;

/// <summary>
/// Grain references by population index, made once and reused. Orleans' <c>GetGrain</c> resolves the interface's
/// grain type by reading its attributes on every call, which costs a load generator more than a small grain call;
/// a reference is immutable and safe to share, so each is built once (populations up to <see cref="MaxCached"/>).
/// </summary>
public sealed class GrainRefs<T>(int count, Func<int, T> create) where T : class
{
    public const int MaxCached = 1 << 22;

    private readonly T?[]? _refs = count <= MaxCached ? new T?[count] : null;

    public T this[int index]
    {
        get
        {
            if (_refs is null)
            {
                return create(index);
            }

            // A race builds the same reference twice at worst; either one serves.
            return _refs[index] ??= create(index);
        }
    }
}
