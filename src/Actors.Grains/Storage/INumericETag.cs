namespace Actors.Grains.Storage;

/// <summary>
/// A grain state whose etag a store that numbers its writes may hand over as a number instead of a string
/// (<see cref="PersistedState{TState}"/>; the in-process store uses it). A string per write, stored into a state
/// object that lives as long as its grain, was a young object referenced from an old one on every write: the next
/// young collection had to find it through the card table and promote it.
/// </summary>
public interface INumericETag
{
    /// <summary>The etag as a positive number; 0 when the state has none. Setting it replaces a string etag.</summary>
    long NumericETag { get; set; }
}
